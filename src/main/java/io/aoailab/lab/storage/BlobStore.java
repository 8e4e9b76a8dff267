package io.aoailab.lab.storage;

import io.aoailab.lab.topology.StorageSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One account's containers and blobs, in memory and bounded: the bytes of all blobs together never exceed the
 * capacity, so a runaway test cannot exhaust the JVM. Names sort as Storage lists them, lexically ("Blobs are listed
 * in alphabetical order", List Blobs doc); Java's UTF-16 order equals UTF-8 byte order outside surrogate pairs.
 *
 * <p>Thread-safe: every operation holds the store's lock, so a conditional write (If-None-Match, the RBAC check
 * that depends on whether the blob exists) is decided and applied atomically.
 */
final class BlobStore {
    private final Clock clock;
    private final long capacityBytes;
    private final NavigableMap<String, ContainerState> containers = new TreeMap<>();
    // ETags only need to be unique and change on every write; Storage's look like "0x8DD40401935032C" (15 hex digits)
    private final AtomicLong etags = new AtomicLong(0x8DC000000000000L);
    private long usedBytes;

    BlobStore(Clock clock, long capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacityBytes);
        }
        this.clock = clock;
        this.capacityBytes = capacityBytes;
    }

    /** The topology's containers and blobs, as they are when the lab starts. */
    synchronized void seed(StorageSpec account) {
        for (StorageSpec.Container container : account.containers()) {
            createContainer(container.name(), Map.of());
            for (StorageSpec.Blob blob : container.blobs()) {
                String type = blob.contentType() == null ? BlobHeaders.DEFAULT_CONTENT_TYPE : blob.contentType();
                Write written = put(container.name(), blob.name(), blob.content().getBytes(StandardCharsets.UTF_8),
                        BlobHeaders.of(type), Map.of(), existing -> Optional.empty());
                if (written instanceof Write.Refused refused) {
                    throw new IllegalArgumentException("Cannot seed " + account.name() + "/" + container.name() + "/"
                            + blob.name() + ": " + refused.error().code() + " (the lab stores at most "
                            + capacityBytes + " bytes per account)");
                }
            }
        }
    }

    synchronized Optional<Container> createContainer(String name, Map<String, String> metadata) {
        if (containers.containsKey(name)) {
            return Optional.empty();
        }
        ContainerState state = new ContainerState(new Container(name, now(), nextEtag(), Map.copyOf(metadata)));
        containers.put(name, state);
        return Optional.of(state.container);
    }

    synchronized Optional<Container> container(String name) {
        return Optional.ofNullable(containers.get(name)).map(s -> s.container);
    }

    /**
     * Removes the container and its blobs at once. Storage marks it for deletion and refuses to recreate the name
     * for a while (409 ContainerBeingDeleted); the lab frees the name immediately — a simplification.
     */
    synchronized boolean deleteContainer(String name) {
        ContainerState removed = containers.remove(name);
        if (removed == null) {
            return false;
        }
        removed.blobs.values().forEach(b -> usedBytes -= b.size());
        return true;
    }

    /** Containers whose name starts with {@code prefix}, from {@code from} (inclusive), at most {@code max}. */
    synchronized Page<Container> containers(String prefix, String from, int max) {
        List<Container> items = new ArrayList<>();
        String next = null;
        for (Map.Entry<String, ContainerState> entry : tail(containers, from).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                continue;
            }
            if (items.size() == max) {
                next = entry.getKey();
                break;
            }
            items.add(entry.getValue().container);
        }
        return new Page<>(items, List.of(), next);
    }

    synchronized Lookup blob(String container, String name) {
        ContainerState state = containers.get(container);
        return state == null ? new Lookup(null, null) : new Lookup(state.container, state.blobs.get(name));
    }

    /**
     * Stores a block blob, replacing any blob of that name, unless {@code guard} refuses given the blob there now
     * (null if none) or the store would exceed its capacity.
     */
    synchronized Write put(String container, String name, byte[] content, BlobHeaders headers,
            Map<String, String> metadata, Guard guard) {
        ContainerState state = containers.get(container);
        if (state == null) {
            return new Write.Refused(StorageErrors.containerNotFound());
        }
        Blob existing = state.blobs.get(name);
        Optional<StorageError> refused = guard.check(existing);
        if (refused.isPresent()) {
            return new Write.Refused(refused.get());
        }
        long after = usedBytes - (existing == null ? 0 : existing.size()) + content.length;
        if (after > capacityBytes) {
            return new Write.Refused(StorageErrors.requestBodyTooLarge());
        }
        Instant now = now();
        Blob blob = new Blob(name, content.clone(), headers, md5(content), Map.copyOf(metadata),
                existing == null ? now : existing.created(), now, nextEtag());
        state.blobs.put(name, blob);
        usedBytes = after;
        return new Write.Written(blob);
    }

    /** Deletes a blob unless {@code guard} refuses given it; the container must exist and hold it. */
    synchronized Optional<StorageError> delete(String container, String name, Guard guard) {
        ContainerState state = containers.get(container);
        if (state == null) {
            return Optional.of(StorageErrors.containerNotFound());
        }
        Blob existing = state.blobs.get(name);
        if (existing == null) {
            return Optional.of(StorageErrors.blobNotFound());
        }
        Optional<StorageError> refused = guard.check(existing);
        if (refused.isEmpty()) {
            state.blobs.remove(name);
            usedBytes -= existing.size();
        }
        return refused;
    }

    /**
     * One page of List Blobs: blobs whose name starts with {@code prefix}, from {@code from} (inclusive), at most
     * {@code max} entries. With a {@code delimiter}, names with it after the prefix fold into one
     * {@code BlobPrefix} each (up to and including the delimiter), and a prefix counts as one entry, as in Storage.
     * Empty if the container does not exist.
     */
    synchronized Optional<Page<Blob>> blobs(String container, String prefix, String delimiter, String from, int max) {
        ContainerState state = containers.get(container);
        if (state == null) {
            return Optional.empty();
        }
        List<Blob> items = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String next = null;
        for (Blob blob : tail(state.blobs, from).values()) {
            if (!blob.name().startsWith(prefix)) {
                continue;
            }
            String folded = fold(blob.name(), prefix, delimiter);
            if (folded != null && !prefixes.isEmpty() && prefixes.get(prefixes.size() - 1).equals(folded)) {
                continue;
            }
            if (items.size() + prefixes.size() == max) {
                next = blob.name();
                break;
            }
            if (folded != null) {
                prefixes.add(folded);
            } else {
                items.add(blob);
            }
        }
        return Optional.of(new Page<>(items, prefixes, next));
    }

    synchronized long usedBytes() {
        return usedBytes;
    }

    long capacityBytes() {
        return capacityBytes;
    }

    private static String fold(String name, String prefix, String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        int at = name.indexOf(delimiter, prefix.length());
        return at < 0 ? null : name.substring(0, at + delimiter.length());
    }

    private static <V> NavigableMap<String, V> tail(NavigableMap<String, V> map, String from) {
        return from == null ? map : map.tailMap(from, true);
    }

    private Instant now() {
        // Storage's times (Last-Modified, Creation-Time) have whole seconds on the wire
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private String nextEtag() {
        return "\"0x" + Long.toHexString(etags.incrementAndGet()).toUpperCase(java.util.Locale.ROOT) + "\"";
    }

    private static String md5(byte[] content) {
        try {
            // Storage computes Content-MD5 for a Put Blob and returns it (Get Blob docs); not a security use
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5", e);
        }
    }

    /** Decides a conditional write given the blob there now (null if none); empty to let it happen. */
    @FunctionalInterface
    interface Guard {
        Optional<StorageError> check(Blob existing);
    }

    /** @param etag quoted, as the {@code ETag} header carries it */
    record Container(String name, Instant lastModified, String etag, Map<String, String> metadata) {
    }

    /**
     * A block blob. {@code content} is never handed out: {@link #content()} copies.
     *
     * @param contentMd5 base64 MD5 of the content, as {@code Content-MD5}
     * @param etag quoted, as the {@code ETag} header carries it
     */
    record Blob(String name, byte[] content, BlobHeaders headers, String contentMd5, Map<String, String> metadata,
            Instant created, Instant lastModified, String etag) {

        @Override
        public byte[] content() {
            return content.clone();
        }

        long size() {
            return content.length;
        }

        /** The bytes {@code [first, last]}, both inclusive. */
        byte[] range(long first, long last) {
            return java.util.Arrays.copyOfRange(content, (int) first, (int) last + 1);
        }
    }

    /** The blob's standard HTTP properties, set on Put Blob with {@code x-ms-blob-*} headers, null when not set. */
    record BlobHeaders(String contentType, String contentEncoding, String contentLanguage, String cacheControl,
            String contentDisposition) {
        /** Put Blob doc: "The default content type is application/octet-stream." */
        static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

        static BlobHeaders of(String contentType) {
            return new BlobHeaders(contentType, null, null, null, null);
        }
    }

    /** A container (null if none) and the blob in it (null if none). */
    record Lookup(Container container, Blob blob) {
    }

    /** @param next the first name of the next page, null on the last page */
    record Page<T>(List<T> items, List<String> prefixes, String next) {
        Page {
            items = List.copyOf(items);
            prefixes = List.copyOf(prefixes);
        }
    }

    sealed interface Write {
        record Written(Blob blob) implements Write {
        }

        record Refused(StorageError error) implements Write {
        }
    }

    private static final class ContainerState {
        private final Container container;
        private final NavigableMap<String, Blob> blobs = new TreeMap<>();

        ContainerState(Container container) {
            this.container = container;
        }
    }
}
