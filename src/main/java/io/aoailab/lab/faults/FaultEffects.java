package io.aoailab.lab.faults;

import io.aoailab.lab.http.LabExchange;
import java.io.IOException;

/**
 * What a fault does to one request, the same for every emulated service: a dropped connection is dropped, latency
 * is waited out and the request then served; throttling and server errors are answered in the service's own shape,
 * which the service supplies.
 */
public final class FaultEffects {
    private FaultEffects() {
    }

    /** How a service answers a throttle or a server error, in its own error shape. */
    @FunctionalInterface
    public interface Answer<F extends Fault> {
        void answer(F fault) throws IOException;
    }

    /**
     * @return whether the fault answered the request (the service stops), or the service goes on serving it
     */
    public static boolean apply(Fault fault, LabExchange exchange, Answer<Fault.Throttle> throttled,
            Answer<Fault.ServerError> failed) throws IOException {
        if (fault instanceof Fault.Throttle throttle) {
            throttled.answer(throttle);
            return true;
        }
        if (fault instanceof Fault.ServerError error) {
            failed.answer(error);
            return true;
        }
        if (fault instanceof Fault.DropConnection) {
            exchange.drop();
            return true;
        }
        if (fault instanceof Fault.Latency latency) {
            try {
                Thread.sleep(latency.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.drop();
                return true;
            }
        }
        return false;
    }
}
