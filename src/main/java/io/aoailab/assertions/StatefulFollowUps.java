package io.aoailab.assertions;

import io.aoailab.access.AccessPath;
import io.aoailab.access.Ask;
import io.aoailab.access.Call;
import io.aoailab.access.Failure;
import io.aoailab.access.Reply;
import io.aoailab.config.IntendedDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Stored responses live in the one account that created them (docs/azure-facts.md §0.9, §3.7b). Through a
 * load-balanced pool a follow-up can land in the other region and find nothing; these checks say so in words, and
 * sample enough follow-ups that a pool which does not pin them cannot slip through by luck.
 *
 * <p><b>The bound.</b> Through a pool, each follow-up lands in the creating region with that region's share of the
 * pool at most, {@code p}; a pool that does not pin follow-ups therefore passes {@code k} of them with probability at
 * most {@code p^k}. {@link #followUps} picks the smallest {@code k} with {@code p^k <= }{@value #MISS_RATE} for the
 * largest intended share (50/50: {@code k = 10}, 0.5^10 ≈ 0.00098); a round-robin pool alternates and is caught by
 * the second. A direct path has no pool: one follow-up answers the question.
 *
 * <pre>{@code
 * StatefulFollowUps.assertRetrievable(path, intended, ask);   // passes on a pool that pins follow-ups
 * // on a plain pool:
 * // Expecting GET /responses/resp_1 through apim (follow-up 2 of 10) to find the response it created,
 * // but it answered 404 from East US 2 while the response was created in East US: ...
 * }</pre>
 */
public final class StatefulFollowUps {
    /** The highest probability with which a pool that does not pin follow-ups may pass these checks. */
    public static final double MISS_RATE = 0.001;

    private StatefulFollowUps() {
    }

    /**
     * How many follow-ups a check through {@code path} makes so a non-pinning pool escapes it with probability at most
     * {@value #MISS_RATE}: 1 on a path with one region, else {@code ceil(ln(0.001) / ln(p_max))}.
     */
    public static int followUps(AccessPath path, IntendedDeployment intended) {
        double share = largestShare(path, intended);
        return share >= 1 ? 1 : (int) Math.ceil(Math.log(MISS_RATE) / Math.log(share));
    }

    // the chance that one follow-up lands where the response was created, at most
    private static double largestShare(AccessPath path, IntendedDeployment intended) {
        return path.expectedRegion().isPresent() ? 1 : intended.regions().stream()
                .mapToDouble(r -> r.expectedShare(intended)).max().orElse(1);
    }

    /**
     * Creates a stored response through {@code path} and retrieves it through the same path as often as
     * {@link #followUps} says; every retrieval must find it.
     *
     * @return the created response
     */
    public static Reply assertRetrievable(AccessPath path, IntendedDeployment intended, Ask ask) {
        Call<Reply> created = path.call(api -> api.create(ask.stored()));
        Reply reply = created.value();
        int k = followUps(path, intended);
        for (int i = 1; i <= k; i++) {
            assertFound(path, intended, created, path.call(api -> api.retrieve(reply.id())),
                    "GET /responses/" + reply.id(), i, k);
        }
        return reply;
    }

    /**
     * Continues a stored response through {@code path} ({@code previous_response_id}) as often as
     * {@link #followUps} says; every continuation must find it.
     *
     * @param next the follow-up ask, continuing the created response
     * @return the created response, then its continuations
     */
    public static List<Reply> assertContinuable(AccessPath path, IntendedDeployment intended, Ask first,
            Function<Reply, Ask> next) {
        Call<Reply> created = path.call(api -> api.create(first.stored()));
        List<Reply> replies = new ArrayList<>(List.of(created.value()));
        int k = followUps(path, intended);
        for (int i = 1; i <= k; i++) {
            Call<Reply> followUp = path.call(api -> api.create(next.apply(replies.get(0))));
            assertFound(path, intended, created, followUp, "a create with previous_response_id "
                    + replies.get(0).id(), i, k);
            replies.add(followUp.value());
        }
        return replies;
    }

    private static void assertFound(AccessPath path, IntendedDeployment intended, Call<Reply> created,
            Call<Reply> followUp, String what, int i, int k) {
        if (followUp.succeeded()) {
            return;
        }
        Failure refused = followUp.failure();
        throw new AssertionError(String.format(Locale.ROOT, "%nExpecting %s %s (follow-up %d of %d) to find the"
                + " response it created,%nbut it answered %d from %s (%s) while the response was created in %s:%n"
                + "stored responses live in the account that created them, so behind a load-balanced pool a follow-up"
                + " (GET/DELETE /responses/{id}, input_items, previous_response_id) must be pinned to the creating"
                + " region (see README, \"Why and how follow-ups are pinned\").%n(%d follow-ups: a pool that does not"
                + " pin them passes all of them with probability at most %.5f.)", what, path.description(), i, k,
                refused.status(), refused.region().orElse("an unnamed region"), refused.message(),
                created.region().orElse("an unnamed region"), k,
                Math.pow(largestShare(path, intended), k)));
    }
}
