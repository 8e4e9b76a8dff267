package io.aoailab.lab.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Storage's two time formats on the wire. */
final class StorageTimes {
    // "Thu, 05 Jan 2021 23:01:52 GMT": two-digit day, always GMT (every Storage capture); the JDK's
    // RFC_1123_DATE_TIME would write "5 Jan"
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    // the "Time:" line of error messages: "2019-08-15T08:33:55.2201684Z", seven fractional digits
    private static final DateTimeFormatter ERROR_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private StorageTimes() {
    }

    static String http(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    static String errorTime(Instant instant) {
        return ERROR_TIME.format(instant);
    }
}
