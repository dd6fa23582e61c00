using PolicyArchiver.Contracts;

namespace PolicyArchiver.Cli;

internal static class InstantOption
{
    /// <summary>An instant given on the command line as <c>--at</c>: ISO 8601, UTC unless it carries an offset, an upper bound.</summary>
    public static DateTimeOffset Parse(string value, string option)
    {
        if (Format.TryParseUpTo(value, out var t)) return t;
        throw new CliException(ExitCodes.BadInput, $"{option} \"{value}\": {Instant.NotOne}");
    }
}
