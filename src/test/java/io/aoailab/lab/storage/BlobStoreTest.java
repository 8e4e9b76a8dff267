package io.aoailab.lab.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.lab.storage.BlobStore.BlobHeaders;
import io.aoailab.lab.storage.BlobStore.Page;
import io.aoailab.lab.storage.BlobStore.Write;
import io.aoailab.testing.MutableClock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlobStoreTest {
    private final MutableClock clock = new MutableClock();
    private final BlobStore store = new BlobStore(clock, 100);

    @Test
    void should_count_a_delimited_prefix_as_one_entry_when_paging_by_hierarchy() {
        // GIVEN
        store.createContainer("c", Map.of());
        for (String name : new String[] {"a.txt", "d/1", "d/2", "d/3", "e.txt"}) {
            put("c", name, 1);
        }

        // WHEN
        Page<BlobStore.Blob> first = store.blobs("c", "", "/", null, 2).orElseThrow();
        Page<BlobStore.Blob> second = store.blobs("c", "", "/", first.next(), 2).orElseThrow();

        // THEN
        assertThat(first.items()).extracting(BlobStore.Blob::name).containsExactly("a.txt");
        assertThat(first.prefixes()).containsExactly("d/");
        assertThat(first.next()).isEqualTo("e.txt");
        assertThat(second.items()).extracting(BlobStore.Blob::name).containsExactly("e.txt");
        assertThat(second.next()).isNull();
    }

    @Test
    void should_leave_the_store_unchanged_when_the_guard_refuses_a_write() {
        // GIVEN
        store.createContainer("c", Map.of());
        put("c", "x", 10);

        // WHEN
        Write write = store.put("c", "x", new byte[20], BlobHeaders.of("text/plain"), Map.of(),
                existing -> Optional.of(StorageErrors.blobAlreadyExists()));

        // THEN
        assertThat(write).isInstanceOf(Write.Refused.class);
        assertThat(store.blob("c", "x").blob().size()).isEqualTo(10);
        assertThat(store.usedBytes()).isEqualTo(10);
    }

    @Test
    void should_free_every_blob_s_bytes_when_a_container_is_deleted() {
        // GIVEN
        store.createContainer("c", Map.of());
        put("c", "x", 40);
        put("c", "y", 50);

        // WHEN
        boolean deleted = store.deleteContainer("c");

        // THEN
        assertThat(deleted).isTrue();
        assertThat(store.usedBytes()).isZero();
        assertThat(store.blob("c", "x").container()).isNull();
    }

    @Test
    void should_keep_the_creation_time_and_change_the_etag_when_a_blob_is_replaced() {
        // GIVEN
        store.createContainer("c", Map.of());
        BlobStore.Blob first = put("c", "x", 1);
        clock.advance(java.time.Duration.ofMinutes(5));

        // WHEN
        BlobStore.Blob second = put("c", "x", 2);

        // THEN
        assertThat(second.created()).isEqualTo(first.created());
        assertThat(second.lastModified()).isEqualTo(first.lastModified().plusSeconds(300));
        assertThat(second.etag()).isNotEqualTo(first.etag()).matches("\"0x[0-9A-F]{15}\"");
    }

    private BlobStore.Blob put(String container, String name, int size) {
        Write write = store.put(container, name, new byte[size], BlobHeaders.of("text/plain"), Map.of(),
                existing -> Optional.empty());
        assertThat(write).as("put %s", name).isInstanceOf(Write.Written.class);
        return ((Write.Written) write).blob();
    }
}
