package dev.bridge.analytics.config;

/**
 * Converts values from a metric's unit to the base unit Prometheus wants, by the factor of
 * {@link dev.bridge.analytics.config.PrometheusNames#toBaseUnitFactor}: a factor below 1 that is the inverse of a
 * whole number (1e-6, 1e-3) divides by that number, so that {@code 50 us} is exactly the double nearest to
 * {@code 5.0E-5} (multiplying by 1e-6 gives {@code 4.9999999999999996E-5}). Stateless, thread-safe.
 */
public final class BaseUnits
{
    private BaseUnits()
    {
    }

    /** @return {@code value} in the base unit. */
    public static double scale(final double value, final double factor)
    {
        if (factor == 1.0)
        {
            return value;
        }
        if (factor < 1.0)
        {
            final double divisor = Math.rint(1.0 / factor);
            if (1.0 / divisor == factor)
            {
                return value / divisor;
            }
        }
        return value * factor;
    }
}
