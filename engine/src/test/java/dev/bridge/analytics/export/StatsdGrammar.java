package dev.bridge.analytics.export;

import java.util.regex.Pattern;

/** The StatsD line grammar of {@code shared/formats.md}, as far as the exports use it (integer values, c and g). */
final class StatsdGrammar
{
    /** Etsy: {@code <name>:<value>|<type>}; labels folded into the name. */
    static final Pattern ETSY = Pattern.compile("[a-zA-Z0-9_.\\-]+:-?[0-9]+\\|(c|g)");
    /** DogStatsD: Etsy's line plus {@code |#tag:value,...}. */
    static final Pattern DOGSTATSD = Pattern.compile(
        "[a-zA-Z0-9_.\\-]+:-?[0-9]+\\|(c|g)(\\|#[a-zA-Z0-9_.:/\\-]+:[a-zA-Z0-9_.:/\\-]+(,[a-zA-Z0-9_.:/\\-]+:[a-zA-Z0-9_.:/\\-]+)*)?");

    private StatsdGrammar()
    {
    }
}
