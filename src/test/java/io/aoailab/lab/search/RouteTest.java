package io.aoailab.lab.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both path spellings of every operation, as the SDK and the REST docs write them. */
class RouteTest {

    @Test
    void should_route_the_odata_paths_when_the_sdk_writes_them() {
        assertThat(Route.match("/indexes")).contains(new Route(Operation.LIST_INDEXES, null, null));
        assertThat(Route.match("/indexes('hotels')")).contains(new Route(Operation.GET_INDEX, "hotels", null));
        assertThat(Route.match("/indexes('hotels')/docs/search.post.search"))
                .contains(new Route(Operation.SEARCH_POST, "hotels", null));
        assertThat(Route.match("/indexes('hotels')/docs('1''2')")).contains(new Route(Operation.LOOKUP, "hotels", "1'2"));
        assertThat(Route.match("/indexes('hotels')/docs/$count")).contains(new Route(Operation.COUNT, "hotels", null));
        assertThat(Route.match("/indexes('hotels')/docs/search.index"))
                .contains(new Route(Operation.INDEX_DOCUMENTS, "hotels", null));
    }

    @Test
    void should_route_the_simple_paths_when_the_rest_docs_write_them() {
        assertThat(Route.match("/indexes/hotels/")).contains(new Route(Operation.GET_INDEX, "hotels", null));
        assertThat(Route.match("/indexes/hotels/docs")).contains(new Route(Operation.SEARCH_GET, "hotels", null));
        assertThat(Route.match("/indexes/hotels/docs/search")).contains(new Route(Operation.SEARCH_POST, "hotels", null));
        assertThat(Route.match("/indexes/hotels/docs/index"))
                .contains(new Route(Operation.INDEX_DOCUMENTS, "hotels", null));
        assertThat(Route.match("/indexes/hotels/docs/42")).contains(new Route(Operation.LOOKUP, "hotels", "42"));
    }

    @Test
    void should_not_route_when_the_path_is_another_resource() {
        assertThat(Route.match("/servicestats")).isEmpty();
        assertThat(Route.match("/indexes('hotels')/search.stats")).isEmpty();
        assertThat(Route.match("/indexes('hotels')/docs/search.post.suggest")).isEmpty();
        assertThat(Route.match("/indexers")).isEmpty();
    }
}
