package io.aoailab.lab.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.http.LabJson;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of Search's answers, as the real service writes them and azure-search-documents reads them. Shapes and
 * {@code @odata.context} values from py-recordings (OBSERVED: {@code test_search_index_client_live…json} for index
 * definitions and {@code $metadata#indexes}) and the REST docs' captures ({@code $metadata#indexes(name)} for
 * {@code $select=name}, {@code indexes('x')/$metadata#docs(*)} for search results; MicrosoftDocs quickstarts, PRIMARY).
 * The lookup's {@code $metadata#docs(*)/$entity} context is UNCONFIRMED (by analogy with {@code indexes/$entity}).
 */
final class Payloads {
    /** The properties of an index definition, which {@code GET /indexes?$select=} may name. */
    static final List<String> DEFINITION_PROPERTIES = List.of("name", "defaultScoringProfile", "fields",
            "scoringProfiles", "corsOptions", "suggesters", "analyzers", "normalizers", "tokenizers", "tokenFilters",
            "charFilters", "encryptionKey", "similarity", "semantic", "vectorSearch");

    private Payloads() {
    }

    static String serviceRoot(String hostName) {
        return "https://" + hostName + "/";
    }

    /** {@code GET /indexes}: every definition, or only the properties {@code $select} names. */
    static ObjectNode indexList(String hostName, List<IndexStore> indexes, List<String> select, Metadata metadata) {
        ObjectNode body = LabJson.object();
        if (metadata.annotated()) {
            body.put("@odata.context", serviceRoot(hostName) + "$metadata#indexes"
                    + (select.isEmpty() ? "" : "(" + String.join(",", select) + ")"));
        }
        ArrayNode value = body.putArray("value");
        for (IndexStore index : indexes) {
            ObjectNode definition = definition(index, metadata);
            if (!select.isEmpty()) {
                definition.retain(select);
            }
            value.add(definition);
        }
        return body;
    }

    /** {@code GET /indexes('x')}. */
    static ObjectNode index(String hostName, IndexStore index, Metadata metadata) {
        ObjectNode body = LabJson.object();
        if (metadata.annotated()) {
            body.put("@odata.context", serviceRoot(hostName) + "$metadata#indexes/$entity");
        }
        body.setAll(definition(index, metadata));
        return body;
    }

    /**
     * An index definition in the 2024-07-01+ shape: every field {@code Edm.String}, the key retrievable and
     * filterable but not searchable, BM25 with default parameters.
     */
    static ObjectNode definition(IndexStore index, Metadata metadata) {
        ObjectNode definition = LabJson.object();
        if (metadata.annotated()) {
            definition.put("@odata.etag", index.etag());
        }
        definition.put("name", index.name());
        definition.putNull("defaultScoringProfile");
        ArrayNode fields = definition.putArray("fields");
        for (String name : index.fields()) {
            boolean key = name.equals(index.keyField());
            ObjectNode field = fields.addObject();
            field.put("name", name);
            field.put("type", "Edm.String");
            field.put("searchable", !key);
            field.put("filterable", true);
            field.put("retrievable", true);
            field.put("stored", true);
            field.put("sortable", false);
            field.put("facetable", false);
            field.put("key", key);
            field.putNull("indexAnalyzer");
            field.putNull("searchAnalyzer");
            field.putNull("analyzer");
            field.putNull("normalizer");
            field.putNull("dimensions");
            field.putNull("vectorSearchProfile");
            field.putNull("vectorEncoding");
            field.putArray("synonymMaps");
        }
        definition.putArray("scoringProfiles");
        definition.putNull("corsOptions");
        definition.putArray("suggesters");
        definition.putArray("analyzers");
        definition.putArray("normalizers");
        definition.putArray("tokenizers");
        definition.putArray("tokenFilters");
        definition.putArray("charFilters");
        definition.putNull("encryptionKey");
        ObjectNode similarity = definition.putObject("similarity");
        similarity.put("@odata.type", "#Microsoft.Azure.Search.BM25Similarity");
        similarity.putNull("k1");
        similarity.putNull("b");
        definition.putNull("semantic");
        definition.putNull("vectorSearch");
        return definition;
    }

    /** A search answer: {@code @odata.context}, {@code @odata.count} when asked for, then {@code value}. */
    static ObjectNode results(String hostName, String index, Metadata metadata, Long count, ArrayNode value) {
        ObjectNode body = LabJson.object();
        if (metadata.annotated()) {
            body.put("@odata.context", serviceRoot(hostName) + "indexes('" + quote(index) + "')/$metadata#docs(*)");
        }
        if (count != null) {
            body.put("@odata.count", count);
        }
        body.set("value", value);
        return body;
    }

    /** One hit: {@code @search.score} first, then the selected fields in schema order, a missing one as null. */
    static ObjectNode hit(double score, Map<String, String> document, List<String> fields) {
        ObjectNode hit = LabJson.object();
        hit.put("@search.score", score);
        fields.forEach(f -> hit.put(f, document.get(f)));
        return hit;
    }

    /** A document lookup. */
    static ObjectNode document(String hostName, String index, Metadata metadata, Map<String, String> document,
            List<String> fields) {
        ObjectNode body = LabJson.object();
        if (metadata.annotated()) {
            body.put("@odata.context", serviceRoot(hostName) + "indexes('" + quote(index)
                    + "')/$metadata#docs(*)/$entity");
        }
        fields.forEach(f -> body.put(f, document.get(f)));
        return body;
    }

    private static String quote(String literal) {
        return literal.replace("'", "''");
    }
}
