package io.aoailab.lab.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aoailab.lab.entra.TokenVerifier;
import io.aoailab.lab.faults.Fault;
import io.aoailab.lab.faults.FaultControl;
import io.aoailab.lab.faults.FaultEffects;
import io.aoailab.lab.http.BodyTooLargeException;
import io.aoailab.lab.http.LabExchange;
import io.aoailab.lab.http.LabHandler;
import io.aoailab.lab.http.LabJson;
import io.aoailab.lab.http.SseStream;
import io.aoailab.lab.openai.RateLimiter.Decision;
import io.aoailab.lab.rbac.AccessControl;
import io.aoailab.lab.secrets.LabSecret;
import io.aoailab.lab.topology.Topology;
import io.aoailab.lab.topology.Topology.Account;
import io.aoailab.lab.topology.Topology.Deployment;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One regional Azure OpenAI account ({@code <name>.openai.azure.com}) serving the Responses API as Azure does on the
 * wire (docs/azure-facts.md §1–§3): the dated and v1 surfaces, key and Entra auth, RBAC, per-deployment rate limits,
 * and responses stored in this account only.
 *
 * <p><b>Order of checks</b>, each answering with Azure's body when it fails: faults; route (404); api-version (400);
 * authentication (401/403); RBAC (401 PermissionDenied); then, for create: body size (413) and JSON (400);
 * deployment (404); {@code previous_response_id} (400); {@code file_search} (401/404/400, see {@link FileSearch});
 * rate limit (429); serve. The previous response is looked up
 * before the rate limiter, not after, because its conversation counts towards the request's token cost. For
 * {@code input_items}, the paging query (400) is checked before the response is looked up (404).
 *
 * <p><b>file_search</b> runs only on an account built with a {@link Grounding}; without one the tool is echoed and
 * not run, as before file_search was emulated. Its output is a {@code file_search_call} item, then the message,
 * which quotes the top file and cites it ({@link GroundedReply}).
 *
 * <p>Thread-safe: the lab serves requests on many threads.
 */
public final class OpenAiAccount implements LabHandler {
    /** The lab's own body limit; Azure's is UNCONFIRMED (see {@link AzureErrors#bodyTooLarge()}). */
    static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    static final int DEFAULT_MAX_STORED_RESPONSES = 10_000;

    private final Account account;
    private final String accountScope;
    private final List<LabSecret> keys;
    private final Authenticator authenticator;
    private final AccessControl access;
    private final FaultControl faults;
    private final Clock clock;
    private final long maxBodyBytes;
    private final ResponseStore store;
    private final RateLimiter limiter;
    private final TokenCounter counter = new TokenCounter();
    private final ReplyGenerator generator;
    private final FileSearch fileSearch;
    private final ProjectSurface project;

    /**
     * What an account is built on: the lab's shared services, and limits tests may shrink.
     *
     * @param topology the lab's topology, for the account's ARM scope
     * @param tokens checks bearer tokens for the {@code https://cognitiveservices.azure.com} audience
     * @param access the lab's RBAC engine
     * @param faults what an operator has done to this account's region
     * @param clock the lab's clock: created_at, rate-limit windows, retention
     * @param grounding the lab's search services and storage accounts the {@code file_search} tool searches (as the
     *     account's managed identity, {@link Account#managedIdentity()}, whose roles {@code access} decides); empty
     *     for an account whose file_search tool is echoed but not run
     * @param maxBodyBytes the largest create body served (413 beyond)
     * @param maxStoredResponses how many stored responses the account keeps
     */
    public record Dependencies(Topology topology, TokenVerifier tokens, AccessControl access, FaultControl faults,
            Clock clock, Optional<Grounding> grounding, long maxBodyBytes, int maxStoredResponses) {

        public Dependencies {
            Objects.requireNonNull(topology, "topology");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(faults, "faults");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(grounding, "grounding");
        }

        /** An account's usual dependencies: no file_search grounding, the lab's own limits. */
        public static Dependencies of(Topology topology, TokenVerifier tokens, AccessControl access, FaultControl faults,
                Clock clock) {
            return new Dependencies(topology, tokens, access, faults, clock, Optional.empty(), DEFAULT_MAX_BODY_BYTES,
                    DEFAULT_MAX_STORED_RESPONSES);
        }

        /** These dependencies, with file_search grounded on {@code grounding}, e.g. a {@link ServiceGrounding}. */
        public Dependencies withGrounding(Grounding grounding) {
            return new Dependencies(topology, tokens, access, faults, clock, Optional.of(grounding), maxBodyBytes,
                    maxStoredResponses);
        }

        /** These dependencies, with other limits. */
        public Dependencies withLimits(long maxBody, int maxStored) {
            return new Dependencies(topology, tokens, access, faults, clock, grounding, maxBody, maxStored);
        }
    }

    /** One regional account. */
    public OpenAiAccount(Account account, Dependencies dependencies) {
        this(account, null, dependencies);
    }

    /**
     * A Foundry project's surface of its parent AIServices account ({@link ProjectSurface}): the account's
     * deployments and Responses API below the project path, for project tokens and project-scoped roles.
     */
    public static OpenAiAccount projectSurface(Account account, ProjectSurface project, Dependencies dependencies) {
        return new OpenAiAccount(account, Objects.requireNonNull(project, "project"), dependencies);
    }

    private OpenAiAccount(Account account, ProjectSurface project, Dependencies dependencies) {
        this.account = Objects.requireNonNull(account, "account");
        this.project = project;
        this.accountScope = project == null ? dependencies.topology().accountScope(account) : project.scope();
        this.keys = List.of(LabSecret.of(Ids.accountKey()), LabSecret.of(Ids.accountKey()));
        this.authenticator = project == null
                ? new Authenticator(keys, account.disableLocalAuth(), dependencies.tokens())
                : new Authenticator(keys, account.disableLocalAuth(), dependencies.tokens(), ProjectSurface.AUDIENCE);
        this.access = dependencies.access();
        this.faults = dependencies.faults();
        this.clock = dependencies.clock();
        this.maxBodyBytes = dependencies.maxBodyBytes();
        this.store = new ResponseStore(clock, dependencies.maxStoredResponses());
        this.limiter = new RateLimiter(clock);
        this.generator = new ReplyGenerator(account.region());
        this.fileSearch = dependencies.grounding()
                .map(grounding -> new FileSearch(dependencies.topology(), account, access, grounding)).orElse(null);
    }

    /** The account's key1 and key2: 32 hex digits each, fresh for every lab run. */
    public List<LabSecret> keys() {
        return keys;
    }

    public Account account() {
        return account;
    }

    @Override
    public void handle(LabExchange original) throws IOException {
        LabExchange exchange = original;
        if (project != null) {
            if (!original.path().startsWith(project.pathPrefix() + "/")) {
                AnswerHeaders.common(original, account.region());
                answer(original, AzureErrors.resourceNotFound());
                return;
            }
            exchange = original.rerouted(original.path().substring(project.pathPrefix().length()));
        }
        AnswerHeaders.common(exchange, account.region());
        Optional<Route> route = Route.match(exchange.method(), exchange.path());
        // an empty api-version= is no api-version
        Optional<String> apiVersion = exchange.query("api-version").filter(v -> !v.isBlank());
        Optional<Fault> fault = faults.next(account.name());
        if (fault.isPresent() && applied(fault.get(), exchange, route, apiVersion)) {
            return;
        }
        if (route.isEmpty()) {
            answer(exchange, AzureErrors.resourceNotFound());
            return;
        }
        Optional<ErrorAnswer> badVersion = route.get().surface().refuse(apiVersion, account.apiVersions());
        if (badVersion.isPresent()) {
            answer(exchange, badVersion.get());
            return;
        }
        Authentication authentication = authenticator.authenticate(exchange.header("Authorization"),
                exchange.header("api-key"));
        Optional<ErrorAnswer> refused = authorize(authentication, route.get());
        if (refused.isPresent()) {
            answer(exchange, refused.get());
            return;
        }
        // a key is no principal: RBAC does not apply to it (docs/azure-facts.md §3.1), here or in file_search
        Optional<String> caller = authentication instanceof Authentication.Principal principal
                ? Optional.of(principal.caller().objectId()) : Optional.empty();
        switch (route.get().operation()) {
            case CREATE -> create(exchange, route.get(), apiVersion.orElse(null), caller);
            case GET -> retrieve(exchange, route.get().responseId());
            case DELETE -> delete(exchange, route.get().responseId());
            case LIST_INPUT_ITEMS -> listInputItems(exchange, route.get().responseId());
        }
    }

    /**
     * Applies an injected fault; true when it answered (or dropped) the request, false when serving goes on after it.
     * Faults come first, before routing or auth, as a failing region fails whatever is asked of it.
     */
    private boolean applied(Fault fault, LabExchange exchange, Optional<Route> route, Optional<String> apiVersion)
            throws IOException {
        String operation = route.map(r -> r.operation().operationName()).orElse(Operation.CREATE.operationName());
        return FaultEffects.apply(fault, exchange,
                throttle -> answer(exchange, AzureErrors.rateLimited(operation, apiVersion.orElse(null), "token",
                        throttle.retryAfter())),
                error -> answer(exchange, AzureErrors.serverError(error.status(), exchange.requestId())));
    }

    /** docs/azure-facts.md §3.1–§3.4: who is calling, and whether RBAC lets a principal do this at the account's scope. */
    private Optional<ErrorAnswer> authorize(Authentication authentication, Route route) {
        if (authentication instanceof Authentication.Refused refused) {
            return Optional.of(refused.answer());
        }
        if (authentication instanceof Authentication.Principal principal) {
            String objectId = principal.caller().objectId();
            String dataAction = project == null ? route.operation().dataAction()
                    : project.dataAction(route.operation().dataAction());
            if (!access.permits(objectId, accountScope, dataAction)) {
                return Optional.of(project == null ? AzureErrors.permissionDenied(objectId, dataAction, route.template())
                        : AzureErrors.permissionDenied(objectId, dataAction, project.template(route.template()),
                                ProjectSurface.PERMISSIONS_HINT));
            }
        }
        return Optional.empty();
    }

    private void create(LabExchange exchange, Route route, String apiVersion, Optional<String> caller)
            throws IOException {
        CreateRequest request;
        try {
            request = CreateRequestParser.parse(exchange.body(maxBodyBytes));
        } catch (BodyTooLargeException e) {
            answer(exchange, AzureErrors.bodyTooLarge());
            return;
        } catch (InvalidRequestException e) {
            answer(exchange, e.answer());
            return;
        }
        Optional<Deployment> found = account.deployment(request.model());
        if (found.isEmpty()) {
            answer(exchange, AzureErrors.deploymentNotFound());
            return;
        }
        Deployment deployment = found.get();
        AnswerHeaders.deployment(exchange, deployment);
        StoredResponse previous = null;
        if (request.previousResponseId() != null) {
            previous = store.get(request.previousResponseId()).orElse(null);
            if (previous == null) {
                answer(exchange, AzureErrors.previousResponseNotFound(request.previousResponseId()));
                return;
            }
        }
        Retrieval retrieval = null;
        if (request.fileSearch() != null && fileSearch != null) {
            try {
                retrieval = fileSearch.run(request.fileSearch(), caller, route.template(), request.lastUserText(),
                        exchange.requestId());
            } catch (FileSearchRefused e) {
                answer(exchange, e.answer());
                return;
            }
        }
        // OpenAI semantics: a chained request sees the earlier inputs and outputs, not the earlier instructions
        List<String> context = previous == null ? List.of() : previous.conversation();
        int inputTokens = counter.count(request.instructions()) + counter.count(context)
                + counter.count(request.inputTexts());
        // the limiter estimates from the request alone, as a gateway must before anything is retrieved (INFERRED)
        Decision decision = limiter.acquire(deployment, RateLimiter.cost(inputTokens, request.maxOutputTokens()));
        AnswerHeaders.rateLimits(exchange, deployment, decision);
        if (!decision.allowed()) {
            answer(exchange, AzureErrors.rateLimited(route.operation().operationName(), apiVersion, decision.limit(),
                    decision.retryAfter()));
            return;
        }
        serve(exchange, request, deployment, previous, context, inputTokens, retrieval);
    }

    /**
     * Usage rule with file_search: the model reads every result's text (the top file's blob text, the others' index
     * content), so each counts as input tokens on top of instructions, context and input — as OpenAI bills retrieved
     * chunks as input (INFERRED). The queries and the citation markup are not counted.
     *
     * @param retrieval what file_search found, or null when it did not run
     */
    private void serve(LabExchange exchange, CreateRequest request, Deployment deployment, StoredResponse previous,
            List<String> context, int inputTokens, Retrieval retrieval) throws IOException {
        int turn = previous == null ? 1 : previous.turn() + 1;
        GroundedReply grounded = retrieval == null ? null
                : GroundedReply.of(generator.header(deployment.name(), turn), retrieval);
        String full = grounded != null ? grounded.text()
                : generator.reply(deployment.name(), deployment.model(), turn, request.lastUserText());
        String text = request.maxOutputTokens() == null ? full : counter.truncate(full, request.maxOutputTokens());
        boolean incomplete = !text.equals(full);
        String status = incomplete ? "incomplete" : "completed";
        Instant createdAt = clock.instant();
        String id = Ids.response();
        ArrayNode output = LabJson.MAPPER.createArrayNode();
        ArrayNode annotations = LabJson.MAPPER.createArrayNode();
        int retrievedTokens = 0;
        if (retrieval != null) {
            output.add(ResponseJson.fileSearchCall(retrieval, "completed", request.includesFileSearchResults()));
            retrievedTokens = counter.count(retrieval.results().stream().map(Retrieval.Result::text).toList());
            // a reply cut short by max_output_tokens loses the citation with the quote's end
            if (grounded.citationIndex() >= 0 && grounded.citationIndex() <= text.length()) {
                annotations.add(ResponseJson.fileCitation(grounded.citationIndex(), retrieval.results().get(0)));
            }
        }
        output.add(ResponseJson.message(Ids.message(), status, text, annotations));
        ObjectNode response = ResponseJson.response(id, createdAt.getEpochSecond(), status,
                incomplete ? "max_output_tokens" : null, request, deployment.model(), output,
                ResponseJson.usage(inputTokens + retrievedTokens, counter.count(text)));
        if (request.store()) {
            List<String> conversation = new ArrayList<>(context);
            conversation.addAll(request.inputTexts());
            conversation.add(text);
            store.put(new StoredResponse(id, createdAt, response, withIds(request.inputItems()), conversation, turn));
        }
        if (request.stream()) {
            try (SseStream sse = exchange.sse(200)) {
                ResponseEvents.stream(sse, response, deployment.streamPace());
            }
        } else {
            exchange.json(200, response);
        }
    }

    private void retrieve(LabExchange exchange, String id) throws IOException {
        Optional<StoredResponse> stored = store.get(id);
        if (stored.isEmpty()) {
            answer(exchange, AzureErrors.responseNotFound(id));
            return;
        }
        exchange.json(200, stored.get().response());
    }

    /** docs/azure-facts.md §1.1: {@code {"object":"response.deleted","id":…,"deleted":true}}; afterwards the id is unknown. */
    private void delete(LabExchange exchange, String id) throws IOException {
        if (!store.remove(id)) {
            answer(exchange, AzureErrors.responseNotFound(id));
            return;
        }
        exchange.json(200, LabJson.object().put("object", "response.deleted").put("id", id).put("deleted", true));
    }

    private void listInputItems(LabExchange exchange, String id) throws IOException {
        InputItemsPage page;
        try {
            page = InputItemsPage.of(exchange.queryParameters());
        } catch (InvalidRequestException e) {
            answer(exchange, e.answer());
            return;
        }
        Optional<StoredResponse> stored = store.get(id);
        if (stored.isEmpty()) {
            answer(exchange, AzureErrors.responseNotFound(id));
            return;
        }
        exchange.json(200, page.of(stored.get().inputItems()));
    }

    /** Input messages get {@code msg_} ids, first in the object as Azure lists them (docs/azure-facts.md §1.3); other items keep theirs. */
    private static List<ObjectNode> withIds(List<ObjectNode> items) {
        List<ObjectNode> identified = new ArrayList<>();
        for (ObjectNode item : items) {
            if (item.hasNonNull("id") || !"message".equals(item.path("type").asText())) {
                identified.add(item);
                continue;
            }
            ObjectNode withId = LabJson.object().put("id", Ids.message());
            withId.setAll(item);
            identified.add(withId);
        }
        return identified;
    }

    private static void answer(LabExchange exchange, ErrorAnswer error) throws IOException {
        error.headers().forEach((name, value) -> exchange.responseHeaders().set(name, value));
        exchange.respond(error.status(), "application/json", error.body());
    }
}
