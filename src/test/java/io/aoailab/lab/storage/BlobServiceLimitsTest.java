package io.aoailab.lab.storage;

import static io.aoailab.lab.storage.StorageLab.SMALL;
import static io.aoailab.lab.storage.StorageLab.SMALL_CAPACITY;
import static io.aoailab.lab.storage.StorageLab.SMALL_CONTAINER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import io.aoailab.lab.faults.FaultControl;
import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.topology.StorageSpec;
import io.aoailab.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blob service's bound on what one account stores ({@value StorageLab#SMALL_CAPACITY} bytes on the small account). */
class BlobServiceLimitsTest {
    @RegisterExtension
    static final StorageLab LAB = new StorageLab();

    private final BlobContainerClient small = LAB.client(SMALL, "suite-caller").getBlobContainerClient(SMALL_CONTAINER);

    @AfterEach
    void empty() {
        small.listBlobs().forEach(b -> small.getBlobClient(b.getName()).delete());
    }

    @Test
    void should_refuse_with_413_request_body_too_large_when_the_account_is_full() {
        // GIVEN
        small.getBlobClient("first.bin").upload(BinaryData.fromBytes(new byte[3000]));

        // WHEN
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class,
                () -> small.getBlobClient("second.bin").upload(BinaryData.fromBytes(new byte[3000])));

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(413);
        assertThat(error.getErrorCode().toString()).isEqualTo("RequestBodyTooLarge");
        assertThat(small.getBlobClient("second.bin").exists()).isFalse();
        assertThat(LAB.service(SMALL).store().usedBytes()).isEqualTo(3000);
    }

    @Test
    void should_free_the_space_of_a_blob_when_it_is_deleted_or_replaced() {
        // GIVEN
        small.getBlobClient("first.bin").upload(BinaryData.fromBytes(new byte[3000]));

        // WHEN
        small.getBlobClient("first.bin").upload(BinaryData.fromBytes(new byte[3500]), true);
        small.getBlobClient("first.bin").delete();
        small.getBlobClient("second.bin").upload(BinaryData.fromBytes(new byte[(int) SMALL_CAPACITY]));

        // THEN
        assertThat(LAB.service(SMALL).store().usedBytes()).isEqualTo(SMALL_CAPACITY);
    }

    @Test
    void should_refuse_to_start_when_the_seed_blobs_exceed_the_capacity() {
        // GIVEN
        StorageSpec seeded = new StorageSpec("stlabseeded", List.of(new StorageSpec.Container("c",
                List.of(new StorageSpec.Blob("big.txt", "x".repeat(100), "text/plain")))));
        MutableClock clock = new MutableClock();

        // WHEN / THEN
        assertThatThrownBy(() -> new BlobService(LAB.topology(), seeded, LAB.tokens(), new AccessControl(List.of()),
                new FaultControl(clock), clock, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stlabseeded/c/big.txt").hasMessageContaining("at most 10 bytes");
    }
}
