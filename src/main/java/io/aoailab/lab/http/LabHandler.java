package io.aoailab.lab.http;

import java.io.IOException;

/** Serves the requests of one emulated host. */
@FunctionalInterface
public interface LabHandler {

    void handle(LabExchange exchange) throws IOException;
}
