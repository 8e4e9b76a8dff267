package io.aoailab.lab.storage;

import static io.aoailab.lab.storage.StorageLab.BYO;
import static io.aoailab.lab.storage.StorageLab.DOCS;
import static io.aoailab.lab.storage.StorageLab.OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultBudget;
import io.aoailab.testing.Answer;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an operator's faults do to the blob service, keyed by the storage account's name. */
class BlobServiceFaultsTest {
    @RegisterExtension
    static final StorageLab LAB = new StorageLab();

    @Test
    void should_answer_503_server_busy_when_the_account_is_throttled() {
        // GIVEN
        LAB.faults().inject(BYO, new Fault.Throttle(Duration.ofSeconds(1)), FaultBudget.times(2));
        BlobClient blob = LAB.client(BYO, "suite-caller").getBlobContainerClient(DOCS).getBlobClient("shipping.md");

        // WHEN
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class, blob::downloadContent);
        Answer raw = LAB.send(LAB.request(BYO, "/docs/shipping.md").build());

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(503);
        assertThat(error.getErrorCode()).isEqualTo(BlobErrorCode.SERVER_BUSY);
        assertThat(raw.status()).isEqualTo(503);
        assertThat(raw.header("x-ms-error-code")).isEqualTo("ServerBusy");
        assertThat(raw.body()).contains("<Message>The server is currently unable to receive requests. Please retry "
                + "your request.\nRequestId:");
        assertThat(raw.header("Server")).isEqualTo("Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0");
    }

    @Test
    void should_answer_500_internal_error_when_the_account_fails() {
        // GIVEN
        LAB.faults().inject(BYO, new Fault.ServerError(500), FaultBudget.times(1));

        // WHEN
        Answer failed = LAB.send(LAB.request(BYO, "/docs/shipping.md").build());
        Answer next = LAB.send(LAB.request(BYO, "/docs/shipping.md").build());

        // THEN
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.header("x-ms-error-code")).isEqualTo("InternalError");
        assertThat(failed.body()).contains("<Code>InternalError</Code><Message>The server encountered an internal "
                + "error. Please retry the request.\n");
        assertThat(next.status()).as("the fault's budget was one request").isEqualTo(200);
    }

    @Test
    void should_close_the_connection_without_an_answer_when_the_account_drops_connections() {
        // GIVEN
        LAB.faults().inject(BYO, new Fault.DropConnection(), FaultBudget.times(1));

        // WHEN
        UncheckedIOException error = catchThrowableOfType(UncheckedIOException.class,
                () -> LAB.send(LAB.request(BYO, "/docs/shipping.md").build()));

        // THEN
        assertThat(error).isNotNull();
    }

    @Test
    void should_serve_after_the_delay_when_the_account_is_slow() {
        // GIVEN
        LAB.faults().inject(BYO, new Fault.Latency(Duration.ofMillis(300)), FaultBudget.times(1));

        // WHEN
        long start = System.nanoTime();
        Answer answer = LAB.send(LAB.request(BYO, "/docs/shipping.md").build());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // THEN
        assertThat(answer.status()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void should_leave_other_accounts_alone_when_one_account_is_faulted() {
        // GIVEN
        LAB.faults().inject(OTHER, new Fault.ServerError(500), FaultBudget.times(1));

        // WHEN
        Answer byo = LAB.send(LAB.request(BYO, "/docs/shipping.md").build());

        // THEN
        assertThat(byo.status()).isEqualTo(200);
    }
}
