package io.aoailab.lab.apim.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP headers as APIM's expressions see them: names compared case-insensitively, several values per name, and
 * {@code GetValueOrDefault} joining the values with commas (docs/apim-gateway.md §3.1). Keeps each name's first spelling.
 */
public final class HeaderMap {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(String name, List<String> values) {
    }

    public static HeaderMap of(Map<String, List<String>> headers) {
        HeaderMap map = new HeaderMap();
        headers.forEach((name, values) -> values.forEach(v -> map.add(name, v)));
        return map;
    }

    public Optional<String> first(String name) {
        Entry entry = entries.get(key(name));
        return entry == null || entry.values.isEmpty() ? Optional.empty() : Optional.of(entry.values.get(0));
    }

    /** The values joined with ',' as {@code Headers.GetValueOrDefault} returns them; empty if absent. */
    public Optional<String> joined(String name) {
        Entry entry = entries.get(key(name));
        return entry == null ? Optional.empty() : Optional.of(String.join(",", entry.values));
    }

    public List<String> values(String name) {
        Entry entry = entries.get(key(name));
        return entry == null ? List.of() : List.copyOf(entry.values);
    }

    public boolean contains(String name) {
        return entries.containsKey(key(name));
    }

    public void set(String name, List<String> values) {
        entries.put(key(name), new Entry(name, new ArrayList<>(values)));
    }

    public void set(String name, String value) {
        set(name, List.of(value));
    }

    public void add(String name, String value) {
        entries.computeIfAbsent(key(name), k -> new Entry(name, new ArrayList<>())).values.add(value);
    }

    public void remove(String name) {
        entries.remove(key(name));
    }

    /** Every header with the spelling it was first given, in insertion order. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        entries.values().forEach(e -> map.put(e.name, List.copyOf(e.values)));
        return map;
    }

    public HeaderMap copy() {
        return of(asMap());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
