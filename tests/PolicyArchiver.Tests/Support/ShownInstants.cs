using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// The one way the archive shows an instant (RFC 3339, UTC with a Z, at most milliseconds), as the
/// tests check it in every output: a seven-decimal instant anywhere fails.
/// </summary>
public static partial class ShownInstants
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$")]
    public static partial Regex Format();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT")]
    private static partial Regex LooksLikeOne();

    /// <summary>Asserts that every string of the JSON that starts like an instant is shown as one; returns them.</summary>
    public static IReadOnlyList<string> AssertAllShown(JsonNode? json)
    {
        var found = new List<string>();
        Collect(json, found);
        Assert.All(found, s => Assert.Matches(Format(), s));
        return found;
    }

    private static void Collect(JsonNode? node, List<string> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o) Collect(value, found);
                break;
            case JsonArray a:
                foreach (var item in a) Collect(item, found);
                break;
            case JsonValue v when v.TryGetValue<string>(out var s) && LooksLikeOne().IsMatch(s):
                found.Add(s);
                break;
        }
    }
}
