namespace PolicyArchiver.Model;

/// <summary>
/// The one place where an <see cref="Outcome"/> meets its wire name, and where an HTTP status
/// becomes an outcome. The JSON attributes on <see cref="Outcome"/> spell the same names; a test
/// holds the two together.
/// </summary>
public static class Outcomes
{
    private static readonly string[] Names = ["ok", "not-found", "http-error", "network-error", "timeout", "blocked"];

    /// <summary>Every outcome in the order reports list them.</summary>
    public static readonly IReadOnlyList<Outcome> All = Enum.GetValues<Outcome>();

    public static string ToWire(this Outcome outcome) => Names[(int)outcome];

    public static bool TryParse(string? wire, out Outcome outcome)
    {
        var i = wire is null ? -1 : Array.IndexOf(Names, wire);
        outcome = i < 0 ? default : (Outcome)i;
        return i >= 0;
    }

    /// <exception cref="FormatException">The value is none of the wire names; the message names it.</exception>
    public static Outcome Parse(string wire) => TryParse(wire, out var outcome) ? outcome
        : throw new FormatException($"unknown outcome '{wire}': expected one of {string.Join(", ", Names)}");

    /// <summary>What an HTTP response's status makes of a capture, for live captures and imports alike.</summary>
    /// <param name="displayed">
    /// Whether the response is the one a browser ended on and showed (redirects already followed):
    /// then a 3xx is the page on screen. A 3xx read from an archive's records is the redirect itself,
    /// not the document.
    /// </param>
    public static Outcome OfHttpStatus(int status, bool displayed) => status switch
    {
        >= 200 and < 300 => Outcome.Ok,
        >= 300 and < 400 when displayed => Outcome.Ok,
        404 or 410 => Outcome.NotFound,
        _ => Outcome.HttpError,
    };
}
