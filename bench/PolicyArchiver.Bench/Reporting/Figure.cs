using System.Globalization;

namespace PolicyArchiver.Bench.Reporting;

/// <summary>One measured figure next to its target.</summary>
/// <param name="Scenario">Which scenario measured it.</param>
/// <param name="Metric">What was measured.</param>
/// <param name="Value">The figure; null when it could not be measured.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Target">The target in words ("≥ 10"), or "—" for figures reported without one.</param>
/// <param name="Met">Whether the target is met; null without a target.</param>
/// <param name="Note">How it was measured or what to know when reading it.</param>
public sealed record Figure(string Scenario, string Metric, double? Value, string Unit, string Target, bool? Met, string Note = "")
{
    public string Status => Met switch { true => "met", false => "NOT met", null => "—" };

    public string FormattedValue => Value switch
    {
        null => "n/a",
        { } v when double.IsNaN(v) => "n/a",
        { } v when Math.Abs(v) >= 1000 => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 10 => v.ToString("0.0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.000", CultureInfo.InvariantCulture),
    };

    /// <summary>A figure with an at-least target.</summary>
    public static Figure AtLeast(string scenario, string metric, double value, string unit, double target, string note = "") =>
        new(scenario, metric, value, unit, $"≥ {target.ToString(CultureInfo.InvariantCulture)}", value >= target, note);

    /// <summary>A figure with an at-most target.</summary>
    public static Figure AtMost(string scenario, string metric, double value, string unit, double target, string note = "") =>
        new(scenario, metric, value, unit, $"≤ {target.ToString(CultureInfo.InvariantCulture)}", value <= target, note);

    /// <summary>A figure reported for information.</summary>
    public static Figure Info(string scenario, string metric, double value, string unit, string note = "") =>
        new(scenario, metric, value, unit, "—", null, note);

    /// <summary>A check that must hold exactly (fidelity).</summary>
    public static Figure Equal(string scenario, string metric, double value, string unit, double expected, string note = "") =>
        new(scenario, metric, value, unit, $"= {expected.ToString(CultureInfo.InvariantCulture)}", Math.Abs(value - expected) < 1e-9, note);
}
