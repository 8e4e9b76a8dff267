package io.aoailab.lab.topology;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A storage account (the deployment's BYO storage) with the containers and blobs it starts with.
 *
 * @param name the account name; its blob host is {@code <name>.blob.core.windows.net}
 * @param containers containers present at start
 */
public record StorageSpec(@JsonProperty(required = true) String name, List<Container> containers) {

    public StorageSpec {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public String blobHostName() {
        return name + ".blob.core.windows.net";
    }

    public Optional<Container> container(String containerName) {
        return containers.stream().filter(c -> c.name().equals(containerName)).findFirst();
    }

    /** @param name the container name; @param blobs blobs present at start */
    public record Container(@JsonProperty(required = true) String name, List<Blob> blobs) {
        public Container {
            blobs = blobs == null ? List.of() : List.copyOf(blobs);
        }
    }

    /** @param name the blob name; @param content its text content; @param contentType e.g. {@code text/markdown} */
    public record Blob(@JsonProperty(required = true) String name, @JsonProperty(required = true) String content,
            String contentType) {
    }
}
