package io.aoailab.lab.storage;

import static io.aoailab.lab.storage.StorageLab.BYO;
import static io.aoailab.lab.storage.StorageLab.DOCS;
import static io.aoailab.lab.storage.StorageLab.VERSION;
import static io.aoailab.lab.storage.StorageLab.uniqueContainer;
import static org.assertj.core.api.Assertions.assertThat;

import io.aoailab.testing.Answer;
import io.aoailab.lab.topology.StorageSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blob service's exact bytes and headers, seen through a raw HTTP client: what the SDK parses and hides. Expected
 * bodies are Storage's as cited in {@link StorageErrors}; a body starts with the UTF-8 byte-order mark.
 */
class BlobServiceWireTest {
    @RegisterExtension
    static final StorageLab LAB = new StorageLab();

    private static final String BOM = "\uFEFF";
    private static final String XML = BOM + "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    private static final String HTTP_DATE = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");

    @Test
    void should_answer_storage_s_exact_403_when_the_principal_has_no_role() {
        // GIVEN
        String token = LAB.token("no-role");
        Request request = new Request.Builder().url(LAB.endpoint(BYO) + "/docs/shipping.md")
                .header("Authorization", "Bearer " + token).header("x-ms-version", VERSION)
                .header("x-ms-client-request-id", "client-42").build();

        // WHEN
        Answer answer = LAB.send(request);

        // THEN
        String requestId = answer.header("x-ms-request-id");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(XML + "<Error><Code>AuthorizationPermissionMismatch</Code><Message>This "
                + "request is not authorized to perform this operation using this permission.\nRequestId:" + requestId
                + "\nTime:" + time() + "</Message></Error>");
        assertThat(answer.bytes()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(answer.header("Content-Type")).isEqualTo("application/xml");
        assertThat(answer.header("x-ms-error-code")).isEqualTo("AuthorizationPermissionMismatch");
        assertThat(answer.header("Server")).isEqualTo("Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0");
        assertThat(answer.header("x-ms-version")).isEqualTo(VERSION);
        assertThat(answer.header("x-ms-client-request-id")).isEqualTo("client-42");
        assertThat(answer.header("Date")).matches(HTTP_DATE);
        assertThat(requestId).isNotBlank();
        assertThat(answer.body() + answer.headers()).doesNotContain(token);
    }

    @Test
    void should_answer_401_no_authentication_information_with_the_bearer_challenge_when_no_credential_is_sent() {
        // GIVEN
        Request request = new Request.Builder().url(LAB.endpoint(BYO) + "/docs/shipping.md")
                .header("x-ms-version", VERSION).build();

        // WHEN
        Answer answer = LAB.send(request);

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(XML + "<Error><Code>NoAuthenticationInformation</Code><Message>Server "
                + "failed to authenticate the request. Please refer to the information in the www-authenticate header."
                + "\nRequestId:" + answer.header("x-ms-request-id") + "\nTime:" + time() + "</Message></Error>");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer authorization_uri=https://login.microsoftonline"
                + ".com/" + LAB.topology().tenant().id() + "/oauth2/authorize resource_id=https://storage.azure.com");
        assertThat(answer.header("x-ms-error-code")).isEqualTo("NoAuthenticationInformation");
        // the front end answers: its own Server header, no x-ms-version
        assertThat(answer.header("Server")).isEqualTo("Microsoft-HTTPAPI/2.0");
        assertThat(answer.header("x-ms-version")).isNull();
    }

    @Test
    void should_answer_401_invalid_authentication_info_without_echoing_the_token_when_the_token_is_unknown() {
        // GIVEN
        String token = "eyJhbGciOiJSUzI1NiJ9.not-a-lab-token.sig";
        Request request = new Request.Builder().url(LAB.endpoint(BYO) + "/?comp=list")
                .header("Authorization", "Bearer " + token).header("x-ms-version", VERSION).build();

        // WHEN
        Answer answer = LAB.send(request);

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("x-ms-error-code")).isEqualTo("InvalidAuthenticationInfo");
        assertThat(answer.body()).startsWith(XML + "<Error><Code>InvalidAuthenticationInfo</Code><Message>Server "
                + "failed to authenticate the request. Please refer to the information in the www-authenticate header."
                + "\nRequestId:");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer authorization_uri=https://login.microsoftonline.com/");
        assertThat(answer.body() + answer.headers()).doesNotContain(token).doesNotContain("not-a-lab-token");
        assertThat(answer.body()).doesNotContain("AuthenticationErrorDetail");
    }

    @Test
    void should_say_the_audience_did_not_match_when_the_token_is_for_another_service() {
        // GIVEN a genuine token of the caller, for Azure OpenAI rather than Storage (docs/azure-facts.md §8)
        Request request = new Request.Builder().url(LAB.endpoint(BYO) + "/?comp=list")
                .header("Authorization", "Bearer " + LAB.token("suite-caller", "https://cognitiveservices.azure.com"))
                .header("x-ms-version", VERSION).build();

        // WHEN
        Answer answer = LAB.send(request);

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("x-ms-error-code")).isEqualTo("InvalidAuthenticationInfo");
        assertThat(answer.body()).startsWith(XML + "<Error><Code>InvalidAuthenticationInfo</Code><Message>Server "
                + "failed to authenticate the request. Please refer to the information in the www-authenticate header."
                + "\nRequestId:")
                .endsWith("</Message><AuthenticationErrorDetail>Audience validation failed. Audience did not match."
                        + "</AuthenticationErrorDetail></Error>");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer authorization_uri=https://login.microsoftonline.com/");
        assertThat(answer.header("Server")).isEqualTo("Microsoft-HTTPAPI/2.0");
    }

    @Test
    void should_refuse_a_bearer_token_with_403_authentication_failed_when_x_ms_version_is_missing() {
        // GIVEN
        Request request = new Request.Builder().url(LAB.endpoint(BYO) + "/docs/shipping.md")
                .header("Authorization", "Bearer " + LAB.token("suite-caller")).build();

        // WHEN
        Answer answer = LAB.send(request);

        // THEN
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(XML + "<Error><Code>AuthenticationFailed</Code><Message>Server failed to "
                + "authenticate the request. Make sure the value of Authorization header is formed correctly including "
                + "the signature.\nRequestId:" + answer.header("x-ms-request-id") + "\nTime:" + time()
                + "</Message><AuthenticationErrorDetail>Authentication scheme Bearer is not supported in this version."
                + "</AuthenticationErrorDetail></Error>");
        assertThat(answer.header("Server")).isEqualTo("Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0");
        assertThat(answer.header("x-ms-error-code")).isNull();
    }

    @Test
    void should_answer_409_public_access_not_permitted_when_an_anonymous_request_has_no_version() {
        // GIVEN
        Request request = new Request.Builder().url(LAB.endpoint(BYO) + "/docs/shipping.md").build();

        // WHEN
        Answer answer = LAB.send(request);

        // THEN
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.header("x-ms-error-code")).isEqualTo("PublicAccessNotPermitted");
        assertThat(answer.body()).contains("<Message>Public access is not permitted on this storage account.\n");
    }

    @Test
    void should_refuse_shared_key_with_403_because_the_lab_s_accounts_hold_no_keys() {
        // GIVEN
        Request request = new Request.Builder().url(LAB.endpoint(BYO) + "/?comp=list")
                .header("Authorization", "SharedKey stlabbyo:c2lnbmF0dXJl").header("x-ms-version", VERSION).build();

        // WHEN
        Answer answer = LAB.send(request);

        // THEN
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.header("x-ms-error-code")).isEqualTo("KeyBasedAuthenticationNotPermitted");
    }

    @Test
    void should_list_blobs_in_storage_s_xml_when_the_caller_lists_a_container_by_prefix() {
        // GIVEN
        StorageSpec.Blob seed = LAB.topology().storageAccount(BYO).orElseThrow().container(DOCS).orElseThrow()
                .blobs().stream().filter(b -> b.name().equals("shipping.md")).findFirst().orElseThrow();
        byte[] content = seed.content().getBytes(StandardCharsets.UTF_8);
        String etag = LAB.send(LAB.request(BYO, "/docs/shipping.md").head().build()).header("ETag");

        // WHEN
        Answer answer = LAB.send(LAB.request(BYO, "/docs?restype=container&comp=list&prefix=ship").build());

        // THEN
        String date = "Mon, 02 Mar 2026 08:00:00 GMT";
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/xml");
        assertThat(answer.body()).isEqualTo(XML + "<EnumerationResults ServiceEndpoint=\"https://stlabbyo.blob.core"
                + ".windows.net/\" ContainerName=\"docs\"><Prefix>ship</Prefix><Blobs><Blob><Name>shipping.md</Name>"
                + "<Properties><Creation-Time>" + date + "</Creation-Time><Last-Modified>" + date + "</Last-Modified>"
                + "<Etag>" + etag.replace("\"", "") + "</Etag><Content-Length>" + content.length + "</Content-Length>"
                + "<Content-Type>text/markdown</Content-Type><Content-Encoding /><Content-Language /><Content-CRC64 />"
                + "<Content-MD5>" + md5(content) + "</Content-MD5><Cache-Control /><Content-Disposition />"
                + "<BlobType>BlockBlob</BlobType><AccessTier>Hot</AccessTier><AccessTierInferred>true"
                + "</AccessTierInferred><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>"
                + "<ServerEncrypted>true</ServerEncrypted></Properties><OrMetadata /></Blob></Blobs><NextMarker />"
                + "</EnumerationResults>");
    }

    @Test
    void should_page_containers_with_an_opaque_marker_when_maxresults_is_one() {
        // GIVEN
        String prefix = "t-page";
        for (String suffix : new String[] {"-a", "-b"}) {
            LAB.send(LAB.request(BYO, "/" + prefix + suffix + "?restype=container")
                    .put(RequestBody.create(new byte[0], null)).build());
        }

        // WHEN
        Answer first = LAB.send(LAB.request(BYO, "/?comp=list&prefix=" + prefix + "&maxresults=1").build());
        String marker = between(first.body(), "<NextMarker>", "</NextMarker>");
        Answer second = LAB.send(LAB.request(BYO, "/?comp=list&prefix=" + prefix + "&maxresults=1&marker=" + marker)
                .build());

        // THEN
        assertThat(first.body()).startsWith(XML + "<EnumerationResults ServiceEndpoint=\"https://stlabbyo.blob.core"
                + ".windows.net/\"><Prefix>t-page</Prefix><MaxResults>1</MaxResults><Containers><Container><Name>"
                + "t-page-a</Name><Properties><Last-Modified>Mon, 02 Mar 2026 08:00:00 GMT</Last-Modified><Etag>\"0x");
        assertThat(first.body()).contains("<LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>"
                + "<DefaultEncryptionScope>$account-encryption-key</DefaultEncryptionScope>");
        assertThat(second.body()).contains("<Marker>" + marker + "</Marker>", "<Name>t-page-b</Name>")
                .endsWith("</Containers><NextMarker /></EnumerationResults>");
    }

    @Test
    void should_send_the_blob_with_storage_s_headers_when_the_caller_gets_it() {
        // GIVEN
        String container = createContainer();
        byte[] content = "hello, blob".getBytes(StandardCharsets.UTF_8);
        Answer put = LAB.send(LAB.request(BYO, "/" + container + "/hello.txt").header("x-ms-blob-type", "BlockBlob")
                .header("x-ms-blob-content-type", "text/plain; charset=utf-8").header("x-ms-meta-origin", "wire")
                .put(RequestBody.create(content, OCTETS)).build());

        // WHEN
        Answer get = LAB.send(LAB.request(BYO, "/" + container + "/hello.txt").build());

        // THEN
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.header("Content-MD5")).isEqualTo(md5(content));
        assertThat(put.header("x-ms-request-server-encrypted")).isEqualTo("true");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.bytes()).isEqualTo(content);
        assertThat(get.header("Content-Length")).isEqualTo(Integer.toString(content.length));
        assertThat(get.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(get.header("ETag")).isEqualTo(put.header("ETag")).matches("\"0x[0-9A-F]{15}\"");
        assertThat(get.header("Last-Modified")).isEqualTo("Mon, 02 Mar 2026 08:00:00 GMT");
        assertThat(get.header("x-ms-blob-type")).isEqualTo("BlockBlob");
        assertThat(get.header("x-ms-meta-origin")).isEqualTo("wire");
        assertThat(get.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(get.header("Server")).isEqualTo("Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0");
        assertThat(get.header("x-ms-version")).isEqualTo(VERSION);
        assertThat(get.header("x-ms-request-id")).isNotBlank();
        assertThat(get.header("Date")).matches(HTTP_DATE);
    }

    @Test
    void should_answer_head_with_the_size_and_no_body_when_the_caller_asks_for_properties() {
        // GIVEN
        String container = createContainer();
        putBlob(container, "sized.bin", new byte[1234]);

        // WHEN
        Answer head = LAB.send(LAB.request(BYO, "/" + container + "/sized.bin").head().build());
        Answer missing = LAB.send(LAB.request(BYO, "/" + container + "/missing.bin").head().build());

        // THEN
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("1234");
        assertThat(head.header("x-ms-access-tier")).isEqualTo("Hot");
        assertThat(head.bytes()).isEmpty();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("x-ms-error-code")).isEqualTo("BlobNotFound");
        assertThat(missing.bytes()).isEmpty();
    }

    @Test
    void should_answer_206_with_the_range_when_the_caller_asks_for_x_ms_range() {
        // GIVEN
        String container = createContainer();
        putBlob(container, "digits.txt", "0123456789".getBytes(StandardCharsets.UTF_8));

        // WHEN
        Answer part = LAB.send(LAB.request(BYO, "/" + container + "/digits.txt").header("x-ms-range", "bytes=2-5")
                .build());
        Answer tail = LAB.send(LAB.request(BYO, "/" + container + "/digits.txt").header("Range", "bytes=7-").build());
        Answer beyond = LAB.send(LAB.request(BYO, "/" + container + "/digits.txt").header("x-ms-range", "bytes=10-20")
                .build());

        // THEN
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("2345");
        assertThat(part.header("Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(tail.body()).isEqualTo("789");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("x-ms-error-code")).isEqualTo("InvalidRange");
    }

    @Test
    void should_answer_400_missing_required_header_when_put_blob_has_no_blob_type() {
        // GIVEN
        String container = createContainer();

        // WHEN
        Answer answer = LAB.send(LAB.request(BYO, "/" + container + "/untyped.txt")
                .put(RequestBody.create("x".getBytes(StandardCharsets.UTF_8), OCTETS)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo(XML + "<Error><Code>MissingRequiredHeader</Code><Message>An HTTP header "
                + "that&apos;s mandatory for this request is not specified.\nRequestId:" + answer.header("x-ms-request-id")
                + "\nTime:" + time() + "</Message><HeaderName>x-ms-blob-type</HeaderName></Error>");
    }

    @Test
    void should_answer_400_md5_mismatch_when_content_md5_does_not_match_the_body() {
        // GIVEN
        String container = createContainer();

        // WHEN
        Answer answer = LAB.send(LAB.request(BYO, "/" + container + "/checked.txt").header("x-ms-blob-type", "BlockBlob")
                .header("Content-MD5", md5("other".getBytes(StandardCharsets.UTF_8)))
                .put(RequestBody.create("this".getBytes(StandardCharsets.UTF_8), OCTETS)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("x-ms-error-code")).isEqualTo("Md5Mismatch");
    }

    @Test
    void should_answer_400_out_of_range_when_maxresults_is_zero() {
        // WHEN
        Answer answer = LAB.send(LAB.request(BYO, "/docs?restype=container&comp=list&maxresults=0").build());

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>OutOfRangeQueryParameterValue</Code>",
                "<QueryParameterName>maxresults</QueryParameterName><QueryParameterValue>0</QueryParameterValue>");
    }

    @Test
    void should_name_the_operation_it_does_not_serve_when_asked_for_put_block() {
        // WHEN
        Answer block = LAB.send(LAB.request(BYO, "/docs/big.bin?comp=block&blockid=AAAA")
                .put(RequestBody.create(new byte[1], OCTETS)).build());
        Answer post = LAB.send(LAB.request(BYO, "/docs/shipping.md").post(RequestBody.create(new byte[1], OCTETS))
                .build());

        // THEN
        assertThat(block.status()).isEqualTo(400);
        assertThat(block.header("x-ms-error-code")).isEqualTo("InvalidQueryParameterValue");
        assertThat(block.body()).contains("<QueryParameterName>comp</QueryParameterName>"
                + "<QueryParameterValue>block</QueryParameterValue>");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("x-ms-error-code")).isEqualTo("UnsupportedHttpVerb");
    }

    @Test
    void should_answer_400_invalid_resource_name_when_a_container_name_breaks_storage_s_rules() {
        // WHEN
        Answer answer = LAB.send(LAB.request(BYO, "/Not--Valid?restype=container")
                .put(RequestBody.create(new byte[0], null)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("x-ms-error-code")).isEqualTo("InvalidResourceName");
    }

    private static String createContainer() {
        String name = uniqueContainer();
        Answer answer = LAB.send(LAB.request(BYO, "/" + name + "?restype=container")
                .put(RequestBody.create(new byte[0], null)).build());
        assertThat(answer.status()).as("create container %s", name).isEqualTo(201);
        return name;
    }

    private static void putBlob(String container, String name, byte[] content) {
        Answer answer = LAB.send(LAB.request(BYO, "/" + container + "/" + name).header("x-ms-blob-type", "BlockBlob")
                .put(RequestBody.create(content, OCTETS)).build());
        assertThat(answer.status()).as("put %s/%s", container, name).isEqualTo(201);
    }

    private static String time() {
        return StorageTimes.errorTime(LAB.clock().instant());
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    private static String md5(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
