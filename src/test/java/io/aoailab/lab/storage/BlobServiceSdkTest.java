package io.aoailab.lab.storage;

import static io.aoailab.lab.storage.StorageLab.BYO;
import static io.aoailab.lab.storage.StorageLab.DOCS;
import static io.aoailab.lab.storage.StorageLab.DOCS_WRITER;
import static io.aoailab.lab.storage.StorageLab.MINIMUM;
import static io.aoailab.lab.storage.StorageLab.OTHER;
import static io.aoailab.lab.storage.StorageLab.OTHER_CONTAINER;
import static io.aoailab.lab.storage.StorageLab.OTHER_WRITER;
import static io.aoailab.lab.storage.StorageLab.READER;
import static io.aoailab.lab.storage.StorageLab.uniqueContainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobAudience;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlobType;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real azure-storage-blob 12.33.3 {@code BlobServiceClient} against the lab's blob service, over HTTPS. */
class BlobServiceSdkTest {
    @RegisterExtension
    static final StorageLab LAB = new StorageLab();

    private static final String CALLER = "suite-caller";

    @Test
    void should_create_a_container_the_sdk_then_lists_when_the_caller_holds_storage_blob_data_contributor() {
        // GIVEN
        BlobServiceClient client = LAB.client(BYO, CALLER);
        String name = uniqueContainer();

        // WHEN
        BlobContainerClient container = client.createBlobContainer(name);

        // THEN
        assertThat(container.exists()).isTrue();
        assertThat(client.listBlobContainers(new ListBlobContainersOptions().setPrefix(name), null))
                .extracting(c -> c.getName()).containsExactly(name);
        assertThat(client.listBlobContainers()).extracting(c -> c.getName()).contains(DOCS, name);
    }

    @Test
    void should_download_the_bytes_uploaded_when_the_caller_uploads_and_reads_back() {
        // GIVEN
        BlobClient blob = newContainer(CALLER).getBlobClient("notes/hello.txt");
        byte[] bytes = randomBytes(10_000);

        // WHEN
        blob.upload(BinaryData.fromBytes(bytes));

        // THEN
        assertThat(blob.downloadContent().toBytes()).isEqualTo(bytes);
    }

    @Test
    void should_report_size_type_etag_and_md5_when_the_sdk_asks_for_properties() {
        // GIVEN
        BlobClient blob = newContainer(CALLER).getBlobClient("report.json");
        byte[] bytes = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(bytes))
                .setHeaders(new BlobHttpHeaders().setContentType("application/json")), null, Context.NONE);

        // WHEN
        BlobProperties properties = blob.getProperties();

        // THEN
        assertThat(properties.getBlobSize()).isEqualTo(bytes.length);
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getBlobType()).isEqualTo(BlobType.BLOCK_BLOB);
        // the header is quoted ("0x…"); how the SDK hands it back is the SDK's business
        assertThat(properties.getETag()).matches("\"?0x[0-9A-F]{15}\"?");
        assertThat(properties.getContentMd5()).isEqualTo(md5(bytes));
        assertThat(properties.getLastModified().toInstant()).isEqualTo(LAB.clock().instant());
    }

    @Test
    void should_list_metadata_set_on_upload_when_the_listing_asks_for_it() {
        // GIVEN
        BlobContainerClient container = newContainer(CALLER);
        container.getBlobClient("tagged.txt").uploadWithResponse(
                new BlobParallelUploadOptions(BinaryData.fromString("x")).setMetadata(Map.of("origin", "lab-test")),
                null, Context.NONE);

        // WHEN
        List<BlobItem> items = container.listBlobs(new ListBlobsOptions()
                .setDetails(new BlobListDetails().setRetrieveMetadata(true)), null).stream().toList();

        // THEN
        assertThat(items).singleElement()
                .satisfies(i -> assertThat(i.getMetadata()).containsEntry("origin", "lab-test"));
    }

    @Test
    void should_give_a_new_etag_when_a_blob_is_overwritten() {
        // GIVEN
        BlobClient blob = newContainer(CALLER).getBlobClient("v.txt");
        blob.upload(BinaryData.fromString("one"));
        String first = blob.getProperties().getETag();

        // WHEN
        blob.upload(BinaryData.fromString("two, longer"), true);

        // THEN
        assertThat(blob.getProperties().getETag()).isNotEqualTo(first);
        assertThat(blob.downloadContent().toString()).isEqualTo("two, longer");
    }

    @Test
    void should_list_blobs_by_prefix_in_pages_when_the_page_size_is_small() {
        // GIVEN
        BlobContainerClient container = newContainer(CALLER);
        for (String name : List.of("a/1.txt", "a/2.txt", "a/3.txt", "b/1.txt")) {
            container.getBlobClient(name).upload(BinaryData.fromString(name));
        }

        // WHEN
        List<List<String>> pages = new ArrayList<>();
        for (PagedResponse<BlobItem> page : container.listBlobs(new ListBlobsOptions().setPrefix("a/")
                .setMaxResultsPerPage(2), null).iterableByPage()) {
            pages.add(page.getValue().stream().map(BlobItem::getName).toList());
        }

        // THEN
        assertThat(pages).containsExactly(List.of("a/1.txt", "a/2.txt"), List.of("a/3.txt"));
    }

    @Test
    void should_list_folders_as_prefixes_when_the_sdk_lists_by_hierarchy() {
        // GIVEN
        BlobContainerClient container = newContainer(CALLER);
        for (String name : List.of("top.txt", "x/1.txt", "x/2.txt", "y/z/1.txt")) {
            container.getBlobClient(name).upload(BinaryData.fromString(name));
        }

        // WHEN
        // listBlobsByHierarchy(String) takes a directory; the delimiter comes with the three-argument form
        List<BlobItem> items = container.listBlobsByHierarchy("/", new ListBlobsOptions(), null).stream().toList();

        // THEN
        assertThat(items).extracting(BlobItem::getName, i -> Boolean.TRUE.equals(i.isPrefix()))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("top.txt", false),
                        org.assertj.core.groups.Tuple.tuple("x/", true),
                        org.assertj.core.groups.Tuple.tuple("y/", true));
    }

    @Test
    void should_delete_a_blob_so_that_it_no_longer_exists_when_deleted() {
        // GIVEN
        BlobClient blob = newContainer(CALLER).getBlobClient("gone.txt");
        blob.upload(BinaryData.fromString("soon gone"));

        // WHEN
        blob.delete();

        // THEN
        assertThat(blob.exists()).isFalse();
        BlobStorageException again = catchThrowableOfType(BlobStorageException.class, blob::delete);
        assertThat(again.getStatusCode()).isEqualTo(404);
        assertThat(again.getErrorCode()).isEqualTo(BlobErrorCode.BLOB_NOT_FOUND);
    }

    @Test
    void should_read_the_seed_blobs_when_the_topology_seeds_them() {
        // GIVEN
        BlobContainerClient docs = LAB.client(BYO, CALLER).getBlobContainerClient(DOCS);

        // WHEN
        List<String> names = docs.listBlobs().stream().map(BlobItem::getName).toList();
        String policy = docs.getBlobClient("returns-policy.md").downloadContent().toString();

        // THEN
        assertThat(names).containsExactly("returns-policy.md", "shipping.md");
        assertThat(policy).startsWith("# Returns policy\n").contains("within 30 days");
        assertThat(docs.getBlobClient("shipping.md").getProperties().getContentType()).isEqualTo("text/markdown");
    }

    @Test
    void should_read_whole_blobs_when_the_sdk_streams_them_in_ranges() throws IOException {
        // GIVEN
        BlobClient blob = newContainer(CALLER).getBlobClient("big.bin");
        byte[] bytes = randomBytes(300_000);
        blob.upload(BinaryData.fromBytes(bytes));

        // WHEN
        byte[] read;
        try (BlobInputStream in = blob.openInputStream()) {
            read = in.readAllBytes();
        }

        // THEN
        assertThat(read).isEqualTo(bytes);
    }

    @Test
    void should_refuse_with_403_authorization_permission_mismatch_when_the_principal_has_no_role() {
        // GIVEN
        BlobContainerClient docs = LAB.client(BYO, "no-role").getBlobContainerClient(DOCS);

        // WHEN
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class,
                () -> docs.getBlobClient("returns-policy.md").downloadContent());

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
        // the SDK quotes the whole XML body in its message, as it does for real Storage errors
        assertThat(error.getServiceMessage())
                .contains("This request is not authorized to perform this operation using this permission.");
    }

    @Test
    void should_let_a_reader_read_but_refuse_its_writes_with_403_when_it_holds_storage_blob_data_reader() {
        // GIVEN
        BlobServiceClient reader = LAB.client(BYO, READER);
        BlobContainerClient docs = reader.getBlobContainerClient(DOCS);

        // WHEN
        String content = docs.getBlobClient("shipping.md").downloadContent().toString();
        BlobStorageException upload = catchThrowableOfType(BlobStorageException.class,
                () -> docs.getBlobClient("new.md").upload(BinaryData.fromString("nope")));
        BlobStorageException delete = catchThrowableOfType(BlobStorageException.class,
                () -> docs.getBlobClient("shipping.md").delete());
        BlobStorageException create = catchThrowableOfType(BlobStorageException.class,
                () -> reader.createBlobContainer(uniqueContainer()));

        // THEN
        assertThat(content).startsWith("# Shipping");
        assertThat(List.of(upload, delete, create)).allSatisfy(e -> {
            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
        });
        assertThat(reader.listBlobContainers()).extracting(c -> c.getName()).contains(DOCS);
    }

    @Test
    void should_refuse_with_403_when_the_only_assignment_is_on_another_storage_account() {
        // GIVEN
        BlobContainerClient docs = LAB.client(BYO, OTHER_WRITER).getBlobContainerClient(DOCS);
        BlobContainerClient reports = LAB.client(OTHER, OTHER_WRITER).getBlobContainerClient(OTHER_CONTAINER);

        // WHEN
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class,
                () -> docs.getBlobClient("shipping.md").downloadContent());

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
        assertThat(reports.getBlobClient("q1.txt").downloadContent().toString()).isEqualTo("other account");
    }

    @Test
    void should_keep_a_container_scoped_assignment_to_its_container_when_the_principal_writes_elsewhere() {
        // GIVEN
        BlobServiceClient client = LAB.client(BYO, DOCS_WRITER);
        BlobContainerClient elsewhere = LAB.client(BYO, CALLER).createBlobContainer(uniqueContainer());

        // WHEN
        client.getBlobContainerClient(DOCS).getBlobClient("scoped-" + uniqueContainer() + ".md")
                .upload(BinaryData.fromString("allowed"));
        BlobStorageException outside = catchThrowableOfType(BlobStorageException.class,
                () -> client.getBlobContainerClient(elsewhere.getBlobContainerName()).getBlobClient("x.md")
                        .upload(BinaryData.fromString("not allowed")));
        BlobStorageException listing = catchThrowableOfType(BlobStorageException.class,
                () -> client.listBlobContainers().stream().toList());

        // THEN
        assertThat(outside.getStatusCode()).isEqualTo(403);
        // List Containers is authorized at the account, which a container assignment does not reach
        assertThat(listing.getStatusCode()).isEqualTo(403);
        assertThat(listing.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
    }

    @Test
    void should_list_read_write_and_delete_blobs_in_its_container_when_the_topology_scopes_the_role_to_it() {
        // GIVEN the shipped minimum persona: Storage Blob Data Contributor at container:stlabbyo/docs
        BlobContainerClient docs = LAB.client(BYO, MINIMUM).getBlobContainerClient(DOCS);
        BlobClient added = docs.getBlobClient("minimum-" + uniqueContainer() + ".md");

        // WHEN
        List<String> listed = docs.listBlobs().stream().map(BlobItem::getName).toList();
        String read = docs.getBlobClient("returns-policy.md").downloadContent().toString();
        added.upload(BinaryData.fromString("written by minimum"));
        String readBack = added.downloadContent().toString();
        added.delete();

        // THEN
        assertThat(listed).contains("returns-policy.md", "shipping.md");
        assertThat(read).startsWith("# Returns policy");
        assertThat(readBack).isEqualTo("written by minimum");
        assertThat(LAB.client(BYO, CALLER).getBlobContainerClient(DOCS).getBlobClient(added.getBlobName()).exists())
                .isFalse();
    }

    @Test
    void should_refuse_with_403_in_another_container_of_the_account_when_the_role_is_scoped_to_one_container() {
        // GIVEN another container of the same account, with a blob, made by suite-caller (Contributor on the account)
        BlobContainerClient seeded = newContainer(CALLER);
        seeded.getBlobClient("kept.md").upload(BinaryData.fromString("not minimum's"));
        BlobContainerClient other = LAB.client(BYO, MINIMUM).getBlobContainerClient(seeded.getBlobContainerName());

        // WHEN
        List<BlobStorageException> refusals = new ArrayList<>();
        refusals.add(catchThrowableOfType(BlobStorageException.class, () -> other.listBlobs().stream().toList()));
        refusals.add(catchThrowableOfType(BlobStorageException.class,
                () -> other.getBlobClient("kept.md").downloadContent()));
        refusals.add(catchThrowableOfType(BlobStorageException.class,
                () -> other.getBlobClient("new.md").upload(BinaryData.fromString("no"))));
        refusals.add(catchThrowableOfType(BlobStorageException.class, () -> other.getBlobClient("kept.md").delete()));

        // THEN
        assertThat(refusals).hasSize(4).allSatisfy(e -> {
            assertThat(e).isNotNull();
            assertThat(e.getStatusCode()).isEqualTo(403);
            assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
        });
        assertThat(seeded.listBlobs().stream().map(BlobItem::getName).toList()).containsExactly("kept.md");
    }

    @Test
    void should_refuse_with_403_when_the_persona_holds_every_role_of_the_minimum_but_the_storage_one() {
        // GIVEN no-storage: the minimum's assignments less Storage Blob Data Contributor
        BlobContainerClient docs = LAB.client(BYO, "no-storage").getBlobContainerClient(DOCS);

        // WHEN
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class,
                () -> docs.getBlobClient("returns-policy.md").downloadContent());

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
    }

    @Test
    void should_let_a_control_plane_contributor_list_containers_but_not_read_blobs() {
        // GIVEN: Contributor on the resource group has Actions "*" and no data actions
        BlobServiceClient contributor = LAB.client(BYO, "contributor-only");

        // WHEN
        List<String> containers = contributor.listBlobContainers().stream().map(c -> c.getName()).toList();
        BlobStorageException read = catchThrowableOfType(BlobStorageException.class,
                () -> contributor.getBlobContainerClient(DOCS).listBlobs().stream().toList());

        // THEN
        assertThat(containers).contains(DOCS);
        assertThat(read.getStatusCode()).isEqualTo(403);
        assertThat(read.getErrorCode()).isEqualTo(BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH);
    }

    @Test
    void should_fail_with_container_not_found_when_the_container_does_not_exist() {
        // GIVEN
        BlobContainerClient missing = LAB.client(BYO, CALLER).getBlobContainerClient(uniqueContainer());

        // WHEN
        BlobStorageException upload = catchThrowableOfType(BlobStorageException.class,
                () -> missing.getBlobClient("a.txt").upload(BinaryData.fromString("a")));
        BlobStorageException list = catchThrowableOfType(BlobStorageException.class,
                () -> missing.listBlobs().stream().toList());

        // THEN
        assertThat(List.of(upload, list)).allSatisfy(e -> {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.CONTAINER_NOT_FOUND);
        });
        assertThat(missing.exists()).isFalse();
    }

    @Test
    void should_fail_with_blob_not_found_when_the_blob_does_not_exist() {
        // GIVEN
        BlobClient missing = LAB.client(BYO, CALLER).getBlobContainerClient(DOCS).getBlobClient("no-such.md");

        // WHEN
        BlobStorageException download = catchThrowableOfType(BlobStorageException.class, missing::downloadContent);
        BlobStorageException properties = catchThrowableOfType(BlobStorageException.class, missing::getProperties);

        // THEN
        assertThat(List.of(download, properties)).allSatisfy(e -> {
            assertThat(e.getStatusCode()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo(BlobErrorCode.BLOB_NOT_FOUND);
        });
        assertThat(missing.exists()).isFalse();
    }

    @Test
    void should_fail_with_container_already_exists_when_a_container_is_created_twice() {
        // GIVEN
        BlobServiceClient client = LAB.client(BYO, CALLER);
        String name = uniqueContainer();
        client.createBlobContainer(name);

        // WHEN
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class,
                () -> client.createBlobContainer(name));

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(409);
        assertThat(error.getErrorCode()).isEqualTo(BlobErrorCode.CONTAINER_ALREADY_EXISTS);
        assertThat(client.getBlobContainerClient(name).createIfNotExists()).isFalse();
    }

    @Test
    void should_refuse_with_blob_already_exists_when_an_upload_may_not_overwrite() {
        // GIVEN
        BlobClient blob = newContainer(CALLER).getBlobClient("once.txt");
        blob.upload(BinaryData.fromString("first"));

        // WHEN: upload(data) without overwrite sends If-None-Match: *
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class,
                () -> blob.upload(BinaryData.fromString("second")));

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(409);
        assertThat(error.getErrorCode()).isEqualTo(BlobErrorCode.BLOB_ALREADY_EXISTS);
        assertThat(blob.downloadContent().toString()).isEqualTo("first");
    }

    @Test
    void should_delete_a_container_and_its_blobs_when_the_container_is_deleted() {
        // GIVEN
        BlobContainerClient container = newContainer(CALLER);
        container.getBlobClient("a.txt").upload(BinaryData.fromString("a"));

        // WHEN
        container.delete();

        // THEN
        assertThat(container.exists()).isFalse();
        assertThat(container.getBlobClient("a.txt").exists()).isFalse();
    }

    @Test
    void should_ask_for_the_storage_scope_when_the_builder_sets_no_audience() {
        // GIVEN
        List<String> scopes = new CopyOnWriteArrayList<>();
        BlobServiceClient client = LAB.client(BYO, CALLER, scopes, null);

        // WHEN
        String content = client.getBlobContainerClient(DOCS).getBlobClient("shipping.md").downloadContent().toString();

        // THEN
        assertThat(content).startsWith("# Shipping");
        assertThat(scopes).containsOnly("https://storage.azure.com/.default");
    }

    @Test
    void should_accept_a_token_for_the_account_audience_when_the_builder_asks_for_it() {
        // GIVEN
        List<String> scopes = new CopyOnWriteArrayList<>();
        BlobServiceClient client = LAB.client(BYO, CALLER, scopes,
                BlobAudience.createBlobServiceAccountAudience(BYO));

        // WHEN
        String content = client.getBlobContainerClient(DOCS).getBlobClient("shipping.md").downloadContent().toString();

        // THEN
        assertThat(content).startsWith("# Shipping");
        assertThat(scopes).containsOnly("https://stlabbyo.blob.core.windows.net/.default");
    }

    @Test
    void should_fail_with_401_invalid_authentication_info_when_the_token_is_for_another_audience() {
        // GIVEN: a genuine token, but for Azure OpenAI
        String token = LAB.tokens().mint(LAB.objectId(CALLER), "https://cognitiveservices.azure.com");
        BlobServiceClient client = LAB.clientWithToken(BYO, token);

        // WHEN: the SDK answers the bearer challenge once with a fresh token (the same one here), then gives up
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class,
                () -> client.getBlobContainerClient(DOCS).getBlobClient("shipping.md").downloadContent());

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorCode()).isEqualTo(BlobErrorCode.INVALID_AUTHENTICATION_INFO);
        assertThat(error.getMessage()).doesNotContain(token);
    }

    @Test
    void should_fail_with_401_when_the_token_has_expired() {
        // GIVEN
        String token = LAB.tokens().mintExpired(LAB.objectId(CALLER), StorageLab.STORAGE_AUDIENCE);
        BlobServiceClient client = LAB.clientWithToken(BYO, token);

        // WHEN
        BlobStorageException error = catchThrowableOfType(BlobStorageException.class,
                () -> client.listBlobContainers().stream().toList());

        // THEN
        assertThat(error.getStatusCode()).isEqualTo(401);
        assertThat(error.getErrorCode()).isEqualTo(BlobErrorCode.INVALID_AUTHENTICATION_INFO);
    }

    private static BlobContainerClient newContainer(String principal) {
        return LAB.client(BYO, principal).createBlobContainer(uniqueContainer());
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
