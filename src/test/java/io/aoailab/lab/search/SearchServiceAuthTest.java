package io.aoailab.lab.search;

import static io.aoailab.lab.search.SearchLab.ADMIN;
import static io.aoailab.lab.search.SearchLab.API_VERSION;
import static io.aoailab.lab.search.SearchLab.CONTRIBUTOR;
import static io.aoailab.lab.search.SearchLab.DOCS;
import static io.aoailab.lab.search.SearchLab.FAQ;
import static io.aoailab.lab.search.SearchLab.FAQ_READER;
import static io.aoailab.lab.search.SearchLab.JSON;
import static io.aoailab.lab.search.SearchLab.MINIMUM;
import static io.aoailab.lab.search.SearchLab.NO_ROLE;
import static io.aoailab.lab.search.SearchLab.OTHER;
import static io.aoailab.lab.search.SearchLab.OTHER_READER;
import static io.aoailab.lab.search.SearchLab.READER;
import static io.aoailab.lab.search.SearchLab.RG_READER;
import static io.aoailab.lab.search.SearchLab.SCRATCH;
import static io.aoailab.lab.search.SearchLab.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.exception.HttpResponseException;
import com.azure.search.documents.SearchDocument;
import io.aoailab.lab.rbac.RoleAssignment;
import io.aoailab.lab.rbac.RoleCatalog;
import io.aoailab.testing.Answer;
import java.util.List;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keys, tokens and RBAC on the wire: which credential gets what, and Search's exact refusals. */
class SearchServiceAuthTest {
    @RegisterExtension
    static final SearchLab LAB = new SearchLab();

    static final String SEARCH = "/indexes('" + DOCS + "')/docs/search.post.search?api-version=" + API_VERSION;
    static final String INDEX_DOCS = "/indexes('" + SCRATCH + "')/docs/search.index?api-version=" + API_VERSION;
    static final String LIST = "/indexes?api-version=" + API_VERSION + "&$select=name";
    static final String QUERY = "{\"search\":\"returns\"}";
    static final String AUTHORIZATION_FAILED = "{\"error\":{\"code\":\"\",\"message\":\"Authorization failed.\"}}";
    static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"Azure Cognitive Search\" error=\"invalid_token\" "
            + "error_description=\"Authentication token failed validation.\"";

    @Test
    void should_answer_403_authorization_failed_verbatim_when_the_principal_has_no_role() {
        // WHEN
        Answer answer = LAB.post(SERVICE, SEARCH, NO_ROLE, QUERY);

        // THEN
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(AUTHORIZATION_FAILED);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(answer.header("request-id")).isNotBlank();
    }

    @Test
    void should_give_the_sdk_the_exact_403_body_when_the_principal_has_no_role() {
        // WHEN
        HttpResponseException thrown = catchThrowableOfType(HttpResponseException.class,
                () -> LAB.client(SERVICE, DOCS, NO_ROLE).getDocument("1", SearchDocument.class));

        // THEN
        assertThat(thrown.getResponse().getStatusCode()).isEqualTo(403);
        assertThat(thrown.getMessage()).isEqualTo("Status code 403, \"" + AUTHORIZATION_FAILED + "\"");
    }

    @Test
    void should_refuse_before_looking_up_the_index_when_the_principal_has_no_role() {
        // WHEN an unknown index is asked for without a role, RBAC answers first: nothing leaks about which exist
        Answer answer = LAB.post(SERVICE, "/indexes('missing')/docs/search.post.search?api-version=" + API_VERSION,
                NO_ROLE, QUERY);

        // THEN
        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void should_let_a_reader_search_but_not_index_when_it_holds_search_index_data_reader() {
        // WHEN
        Answer search = LAB.post(SERVICE, SEARCH, READER, QUERY);
        Answer upload = LAB.post(SERVICE, INDEX_DOCS, READER, "{\"value\":[{\"id\":\"r1\",\"title\":\"no\"}]}");

        // THEN
        assertThat(search.status()).isEqualTo(200);
        assertThat(upload.status()).isEqualTo(403);
        assertThat(upload.body()).isEqualTo(AUTHORIZATION_FAILED);
    }

    @Test
    void should_count_only_the_index_assigned_when_the_role_is_scoped_to_another_index() {
        // WHEN
        Answer own = LAB.post(SERVICE, "/indexes('" + FAQ + "')/docs/search.post.search?api-version=" + API_VERSION,
                FAQ_READER, QUERY);
        Answer other = LAB.post(SERVICE, SEARCH, FAQ_READER, QUERY);

        // THEN
        assertThat(own.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).isEqualTo(AUTHORIZATION_FAILED);
    }

    @Test
    void should_let_the_minimum_persona_query_its_index_only_when_the_topology_scopes_its_reader_to_the_index() {
        // GIVEN the shipped minimum: Search Index Data Reader at index:srch-aoai-lab/docs-index
        String faq = "/indexes('" + FAQ + "')/docs/search.post.search?api-version=" + API_VERSION;

        // WHEN
        Answer own = LAB.post(SERVICE, SEARCH, MINIMUM, QUERY);
        Answer document = LAB.get(SERVICE, "/indexes('" + DOCS + "')/docs('1')?api-version=" + API_VERSION, MINIMUM);
        Answer other = LAB.post(SERVICE, faq, MINIMUM, QUERY);
        Answer list = LAB.get(SERVICE, LIST, MINIMUM);

        // THEN
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("Returns policy");
        assertThat(document.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).isEqualTo(AUTHORIZATION_FAILED);
        // listing needs the action Microsoft.Search/searchServices/indexes/read, which no data role holds
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.body()).isEqualTo(AUTHORIZATION_FAILED);
    }

    @Test
    void should_refuse_the_index_to_the_persona_without_the_search_role_when_it_holds_the_minimums_others() {
        // WHEN no-search holds the minimum's roles but Search Index Data Reader
        Answer answer = LAB.post(SERVICE, SEARCH, "no-search", QUERY);

        // THEN
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo(AUTHORIZATION_FAILED);
    }

    @Test
    void should_not_count_an_assignment_on_another_service_when_index_names_match() {
        // WHEN both services have an index named docs-index
        Answer own = LAB.post(OTHER, SEARCH, OTHER_READER, QUERY);
        Answer other = LAB.post(SERVICE, SEARCH, OTHER_READER, QUERY);

        // THEN
        assertThat(own.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(403);
    }

    @Test
    void should_reach_every_service_when_the_role_is_assigned_at_the_resource_group() {
        // WHEN
        Answer one = LAB.post(SERVICE, SEARCH, RG_READER, QUERY);
        Answer two = LAB.post(OTHER, SEARCH, RG_READER, QUERY);

        // THEN
        assertThat(one.status()).isEqualTo(200);
        assertThat(two.status()).isEqualTo(200);
    }

    @Test
    void should_need_the_delete_data_action_when_the_batch_deletes() {
        // GIVEN a reader has read only; a data contributor has documents/* (write and delete)
        String delete = "{\"value\":[{\"@search.action\":\"delete\",\"id\":\"never-there\"}]}";

        // WHEN
        Answer reader = LAB.post(SERVICE, INDEX_DOCS, READER, delete);
        Answer contributor = LAB.post(SERVICE, INDEX_DOCS, CONTRIBUTOR, delete);

        // THEN
        assertThat(reader.status()).isEqualTo(403);
        assertThat(contributor.status()).isEqualTo(200);
    }

    @Test
    void should_list_indexes_when_the_principal_holds_a_control_plane_role_with_indexes_read() {
        // WHEN Search Service Contributor on the service, Contributor on the resource group (shipped persona)
        Answer serviceContributor = LAB.get(SERVICE, LIST, ADMIN);
        Answer contributor = LAB.get(SERVICE, LIST, "contributor-only");

        // THEN
        assertThat(serviceContributor.status()).isEqualTo(200);
        assertThat(contributor.status()).isEqualTo(200);
    }

    @Test
    void should_refuse_listing_and_reading_definitions_when_the_principal_holds_only_data_roles() {
        // WHEN
        Answer list = LAB.get(SERVICE, LIST, CONTRIBUTOR);
        Answer get = LAB.get(SERVICE, "/indexes('" + DOCS + "')?api-version=" + API_VERSION, READER);

        // THEN
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.body()).isEqualTo(AUTHORIZATION_FAILED);
        assertThat(get.status()).isEqualTo(403);
    }

    @Test
    void should_refuse_documents_when_the_principal_holds_only_control_plane_roles() {
        // WHEN Contributor: "all data plane actions except the ability to query or index documents"
        Answer answer = LAB.post(SERVICE, SEARCH, "contributor-only", QUERY);

        // THEN
        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void should_see_a_role_granted_or_revoked_while_the_lab_runs() {
        // GIVEN
        RoleAssignment assignment = new RoleAssignment(LAB.objectId(NO_ROLE),
                RoleCatalog.find("1407120a-92aa-4202-b7e9-c0e197c71c8f").orElseThrow(),
                LAB.service(SERVICE).indexScope(DOCS));
        LAB.access().assign(assignment);

        // WHEN
        Answer granted = LAB.post(SERVICE, SEARCH, NO_ROLE, QUERY);
        LAB.access().revoke(assignment);
        Answer revoked = LAB.post(SERVICE, SEARCH, NO_ROLE, QUERY);

        // THEN
        assertThat(granted.status()).isEqualTo(200);
        assertThat(revoked.status()).isEqualTo(403);
    }

    @Test
    void should_serve_everything_when_called_with_either_admin_key() {
        // WHEN
        Answer list = LAB.send(LAB.request(SERVICE, LIST).header("api-key", LAB.adminKey(SERVICE)).build());
        Answer upload = LAB.send(LAB.request(SERVICE, INDEX_DOCS)
                .header("api-key", LAB.service(SERVICE).adminKeys().get(1).reveal())
                .post(RequestBody.create("{\"value\":[{\"id\":\"k1\",\"title\":\"key\"}]}", JSON)).build());

        // THEN
        assertThat(list.status()).isEqualTo(200);
        assertThat(upload.status()).isEqualTo(200);
    }

    @Test
    void should_work_with_the_sdk_when_it_uses_an_admin_key() {
        // WHEN
        List<String> names = LAB.keyIndexClient(SERVICE, LAB.adminKey(SERVICE)).listIndexNames().stream().toList();
        long count = LAB.keyClient(SERVICE, FAQ, LAB.adminKey(SERVICE)).getDocumentCount();

        // THEN
        assertThat(names).contains(DOCS, FAQ);
        assertThat(count).isEqualTo(2);
    }

    @Test
    void should_let_a_query_key_read_documents_only() {
        // GIVEN
        String key = LAB.queryKey(SERVICE);

        // WHEN
        var searched = LAB.keyClient(SERVICE, DOCS, key).search("shipping").stream().toList();
        Answer list = LAB.send(LAB.request(SERVICE, LIST).header("api-key", key).build());
        Answer upload = LAB.send(LAB.request(SERVICE, INDEX_DOCS).header("api-key", key)
                .post(RequestBody.create("{\"value\":[{\"id\":\"q1\"}]}", JSON)).build());

        // THEN
        assertThat(searched).hasSize(1);
        assertThat(list.status()).isEqualTo(403);
        assertThat(upload.status()).isEqualTo(403);
    }

    @Test
    void should_generate_two_admin_keys_and_one_query_key_of_52_letters_and_digits() {
        // WHEN
        SearchService service = LAB.service(SERVICE);

        // THEN
        assertThat(List.of(service.adminKeys().get(0).reveal(), service.adminKeys().get(1).reveal(),
                service.queryKey().reveal())).allSatisfy(k -> assertThat(k).matches("[A-Za-z0-9]{52}"))
                .doesNotHaveDuplicates();
        assertThat(service.adminKeys().toString()).doesNotContain(service.adminKeys().get(0).reveal());
    }

    @Test
    void should_answer_403_without_a_body_when_the_api_key_is_wrong() {
        // WHEN
        Answer answer = LAB.send(LAB.request(SERVICE, LIST).header("api-key", "A".repeat(52)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.bytes()).isEmpty();
    }

    @Test
    void should_refuse_a_key_in_the_query_string_when_no_header_carries_one() {
        // WHEN
        Answer answer = LAB.send(LAB.request(SERVICE, LIST + "&api-key=" + LAB.adminKey(SERVICE)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"\",\"message\":\"The given API key is not "
                + "permitted in the URI query string.\"}}");
    }

    @Test
    void should_use_the_key_when_a_request_carries_both_a_key_and_a_token() {
        // WHEN the token's principal has no role, but the admin key decides (search-security-rbac.md)
        Answer answer = LAB.send(LAB.request(SERVICE, LIST).header("api-key", LAB.adminKey(SERVICE))
                .header("Authorization", "Bearer " + LAB.token(NO_ROLE)).build());

        // THEN
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void should_answer_401_with_a_bearer_challenge_when_no_credential_is_sent() {
        // WHEN
        Answer answer = LAB.send(LAB.request(SERVICE, LIST).build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"Azure Cognitive Search\"");
        assertThat(answer.bytes()).isEmpty();
    }

    @Test
    void should_answer_401_invalid_token_when_the_token_is_expired() {
        // WHEN
        String expired = LAB.tokens().mintExpired(LAB.objectId(ADMIN), SearchService.AUDIENCE);
        Answer answer = LAB.send(LAB.request(SERVICE, LIST).header("Authorization", "Bearer " + expired).build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo(INVALID_TOKEN_CHALLENGE);
    }

    @Test
    void should_answer_401_invalid_token_when_the_token_is_for_another_audience() {
        // WHEN a perfectly good Azure OpenAI token is sent to Search
        String openAi = LAB.tokens().mint(LAB.objectId(ADMIN), "https://cognitiveservices.azure.com");
        Answer answer = LAB.send(LAB.request(SERVICE, LIST).header("Authorization", "Bearer " + openAi).build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo(INVALID_TOKEN_CHALLENGE);
    }

    @Test
    void should_answer_401_invalid_token_when_the_authorization_is_not_bearer() {
        // WHEN
        Answer answer = LAB.send(LAB.request(SERVICE, LIST).header("Authorization", "Basic dXNlcjpwYXNz").build());

        // THEN
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo(INVALID_TOKEN_CHALLENGE);
    }
}
