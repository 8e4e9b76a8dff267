package io.aoailab.lab.topology;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AI Search service with the indexes and documents it starts with.
 *
 * @param name the service name; its host is {@code <name>.search.windows.net}
 * @param indexes indexes present at start
 */
public record SearchSpec(@JsonProperty(required = true) String name, List<Index> indexes) {

    public SearchSpec {
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
    }

    public String hostName() {
        return name + ".search.windows.net";
    }

    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    /**
     * @param name the index name
     * @param key the key field's name, e.g. {@code id}
     * @param documents the documents, as field name to value (strings)
     */
    public record Index(@JsonProperty(required = true) String name, @JsonProperty(required = true) String key,
            List<Map<String, String>> documents) {
        public Index {
            documents = documents == null ? List.of() : documents.stream().map(Map::copyOf).toList();
        }
    }
}
