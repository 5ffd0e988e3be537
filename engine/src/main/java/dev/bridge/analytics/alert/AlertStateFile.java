package dev.bridge.analytics.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * {@code alerts.json} in the data directory: the tracked alerts, the notification groups (timers and what they
 * last notified) and the silences. Written whole to {@code alerts.json.tmp}, forced to disk, then renamed over
 * {@code alerts.json} atomically, so a crash leaves the previous or the new file, never a torn one. A file that
 * cannot be read is moved aside to {@code alerts.json.corrupt} (logged) and the manager starts empty.
 * <pre>{@code
 * {"version":1,"evaluated_at_ms":...,
 *  "alerts":[{"rule":"slow_reads","labels":{...},"annotations":{...},"state":"firing","active_at_ms":...,
 *             "fired_at_ms":...,"resolved_at_ms":null,"keep_firing_since_ms":null,"value":12000.0}],
 *  "groups":[{"key":"{}:{alertname=\"slow_reads\"}","labels":{...},"next_flush_ms":...,"last_notified_ms":...,
 *             "notified_firing":["..."],"notified_resolved":[]}],
 *  "silences":[{"id":"...","matchers":{...},"starts_at_ms":...,"ends_at_ms":...,"comment":"","created_by":""}]}
 * }</pre>
 * Used by the alert manager under its lock; not thread-safe on its own.
 */
final class AlertStateFile
{
    /** The file's name in the data directory. */
    static final String FILE_NAME = "alerts.json";
    static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(AlertStateFile.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .serializationInclusion(JsonInclude.Include.ALWAYS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    /** The whole file. */
    record State(int version, long evaluatedAtMs, List<AlertEntry> alerts, List<GroupEntry> groups,
                 List<SilenceEntry> silences)
    {
    }

    /** One tracked alert; times in epoch ms, null when unset. */
    record AlertEntry(String rule, Map<String, String> labels, Map<String, String> annotations, String state,
                      long activeAtMs, Long firedAtMs, Long resolvedAtMs, Long keepFiringSinceMs, double value)
    {
    }

    /** One notification group; the notified sets are null when the group was never notified. */
    record GroupEntry(String key, Map<String, String> labels, long nextFlushMs, Long lastNotifiedMs,
                      List<String> notifiedFiring, List<String> notifiedResolved)
    {
    }

    /** One silence. */
    record SilenceEntry(String id, Map<String, String> matchers, long startsAtMs, long endsAtMs, String comment,
                        String createdBy)
    {
    }

    private final Path file;
    private final Path temp;

    AlertStateFile(final Path directory)
    {
        this.file = directory.resolve(FILE_NAME);
        this.temp = directory.resolve(FILE_NAME + ".tmp");
    }

    Path path()
    {
        return file;
    }

    /** @return the saved state, or null when there is none (or it could not be read: then it is moved aside). */
    State load()
    {
        try
        {
            final State state = MAPPER.readValue(Files.readAllBytes(file), State.class);
            if (state.version() != VERSION)
            {
                throw new IOException("unknown version " + state.version());
            }
            return state;
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException | RuntimeException ex)
        {
            final Path aside = file.resolveSibling(FILE_NAME + ".corrupt");
            LOG.error("cannot read {} ({}): moved to {}, alerts start empty", file, ex.toString(), aside);
            try
            {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final IOException moveFailed)
            {
                LOG.error("cannot move {} aside: {}", file, moveFailed.toString());
            }
            return null;
        }
    }

    /** Writes {@code state} atomically (temp file, force, rename). */
    void save(final State state) throws IOException
    {
        Files.createDirectories(file.getParent());
        final byte[] bytes = MAPPER.writeValueAsBytes(state);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try
        {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
