package io.aoailab.lab.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlobRequestTest {

    @ParameterizedTest(name = "{0} {1}?{2} -> {3} {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "GET    | /              | comp=list                     | LIST_CONTAINERS          | -     | -",
        "PUT    | /docs          | restype=container             | CREATE_CONTAINER         | docs  | -",
        "HEAD   | /docs          | restype=container             | GET_CONTAINER_PROPERTIES | docs  | -",
        "DELETE | /docs          | restype=container             | DELETE_CONTAINER         | docs  | -",
        "GET    | /docs          | restype=container&comp=list   | LIST_BLOBS               | docs  | -",
        "PUT    | /docs/a/b c.md | -                             | PUT_BLOB                 | docs  | a/b c.md",
        "GET    | /docs/a.md     | -                             | GET_BLOB                 | docs  | a.md",
        "HEAD   | /docs/a.md     | -                             | GET_BLOB_PROPERTIES      | docs  | a.md",
        "DELETE | /docs/a.md     | -                             | DELETE_BLOB              | docs  | a.md",
        "GET    | /readme.md     | -                             | GET_BLOB                 | $root | readme.md",
    })
    void should_match_the_operation_the_sdk_sends_when_parsing_a_request(String method, String path, String query,
            BlobRequest.Operation operation, String container, String blob) {
        // WHEN
        BlobRequest.Parsed parsed = BlobRequest.parse(method, path, query(query));

        // THEN
        assertThat(parsed).isEqualTo(new BlobRequest.Parsed.Matched(new BlobRequest(operation, container, blob)));
    }

    @ParameterizedTest(name = "{0} {1}?{2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "POST   | /docs/a.md | -                              | UnsupportedHttpVerb",
        "PUT    | /          | comp=list                      | UnsupportedHttpVerb",
        "GET    | /          | -                              | InvalidUri",
        "GET    | /          | restype=service&comp=properties | InvalidQueryParameterValue",
        "PUT    | /docs/a.md | comp=blocklist                 | InvalidQueryParameterValue",
        "GET    | /docs      | restype=container&comp=acl     | InvalidQueryParameterValue",
    })
    void should_refuse_as_storage_does_when_the_lab_does_not_serve_the_request(String method, String path,
            String query, String code) {
        // WHEN
        BlobRequest.Parsed parsed = BlobRequest.parse(method, path, query(query));

        // THEN
        assertThat(parsed).isInstanceOfSatisfying(BlobRequest.Parsed.Refused.class,
                r -> assertThat(r.error().code()).isEqualTo(code));
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], List.of(kv.length > 1 ? kv[1] : ""));
            }
        }
        return parameters;
    }
}
