package io.aoailab.lab.search;

import io.aoailab.lab.topology.SearchSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One index: its schema and its documents. The topology gives documents as string maps, so every field is an
 * {@code Edm.String}; the schema is the key field followed by every other field the seed documents use, in name order
 * ({@link SearchSpec} keeps documents as {@code Map.copyOf}, whose iteration order changes from run to run, so the
 * file's order is not available). It is fixed from then on, as a real index's schema is: an indexing batch naming
 * another field is refused.
 *
 * <p>Every field but the key is searchable (the key is not, as for indexes the portal's wizards build) and every field
 * filterable and retrievable. Documents keep their insertion order; a field a document lacks reads as {@code null},
 * as Search returns it.
 *
 * <p>Thread-safe: every method holds the store's lock.
 */
final class IndexStore {
    private final String name;
    private final String keyField;
    private final List<String> fields;
    private final String etag;
    private final Map<String, Map<String, String>> documents = new LinkedHashMap<>();

    IndexStore(SearchSpec.Index index, Instant created) {
        this.name = index.name();
        this.keyField = index.key();
        Set<String> others = new TreeSet<>();
        index.documents().forEach(document -> others.addAll(document.keySet()));
        others.remove(index.key());
        List<String> names = new ArrayList<>();
        names.add(index.key());
        names.addAll(others);
        this.fields = List.copyOf(names);
        this.etag = etag(created);
        for (Map<String, String> document : index.documents()) {
            documents.put(document.get(keyField), new LinkedHashMap<>(document));
        }
    }

    String name() {
        return name;
    }

    String keyField() {
        return keyField;
    }

    /** The schema's field names, the key first. */
    List<String> fields() {
        return fields;
    }

    List<String> searchableFields() {
        return fields.stream().filter(f -> !f.equals(keyField)).toList();
    }

    boolean hasField(String field) {
        return fields.contains(field);
    }

    /** Quoted, as {@code @odata.etag} carries it, e.g. {@code "0x8D9E1E64D5E1021"}. */
    String etag() {
        return etag;
    }

    synchronized List<Map<String, String>> documents() {
        List<Map<String, String>> copies = new ArrayList<>(documents.size());
        documents.values().forEach(d -> copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(d))));
        return copies;
    }

    synchronized Optional<Map<String, String>> document(String key) {
        Map<String, String> found = documents.get(key);
        return found == null ? Optional.empty() : Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(found)));
    }

    synchronized long count() {
        return documents.size();
    }

    /** Stores {@code document} whole; true when it replaced one. */
    synchronized boolean upload(Map<String, String> document) {
        return documents.put(document.get(keyField), new LinkedHashMap<>(document)) != null;
    }

    /** Merges the given fields into the stored document (a {@code null} clears a field); false when there is none. */
    synchronized boolean merge(Map<String, String> document) {
        Map<String, String> stored = documents.get(document.get(keyField));
        if (stored == null) {
            return false;
        }
        stored.putAll(document);
        return true;
    }

    /** Merges into the stored document or stores it; true when it existed. */
    synchronized boolean mergeOrUpload(Map<String, String> document) {
        return merge(document) || upload(document);
    }

    synchronized void delete(String key) {
        documents.remove(key);
    }

    /**
     * Search's ETags are Windows FILETIMEs in hex ({@code 0x8D9E1E64D5E1021} for 2022-01-27 in py-recordings'
     * {@code test_search_index_client.json}); the lab derives one from its clock when the index is loaded. Format
     * OBSERVED, meaning UNCONFIRMED.
     */
    private static String etag(Instant created) {
        long filetime = (created.toEpochMilli() + 11_644_473_600_000L) * 10_000L;
        return "\"0x" + HexFormat.of().withUpperCase().toHexDigits(filetime).replaceFirst("^0+", "") + "\"";
    }
}
