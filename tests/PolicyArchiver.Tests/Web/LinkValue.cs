using System.Text;

namespace PolicyArchiver.Tests.Web;

/// <summary>
/// One link of a Link header or a link-format TimeMap (RFC 8288, RFC 6690), parsed independently of
/// the code that writes them: commas inside quoted values (datetimes) do not split links.
/// </summary>
public sealed record LinkValue(string Target, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The relation types of <c>rel</c>, which may be several (<c>first memento</c>).</summary>
    public IReadOnlySet<string> Relations => Parameters.TryGetValue("rel", out var rel)
        ? rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
        : new HashSet<string>();

    public bool Is(params string[] relations) => Relations.SetEquals(relations);

    public static IReadOnlyList<LinkValue> Parse(string text)
    {
        var links = new List<LinkValue>();
        var i = 0;
        while (true)
        {
            SkipWhitespace(text, ref i);
            if (i >= text.Length) return links;
            if (text[i] != '<') throw new FormatException($"expected '<' at {i} in {text}");
            var end = text.IndexOf('>', i);
            if (end < 0) throw new FormatException($"unterminated target in {text}");
            var target = text[(i + 1)..end];
            i = end + 1;
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                SkipWhitespace(text, ref i);
                if (i >= text.Length || text[i] == ',')
                {
                    i++;
                    break;
                }
                if (text[i] != ';') throw new FormatException($"expected ';' or ',' at {i} in {text}");
                i++;
                SkipWhitespace(text, ref i);
                var nameStart = i;
                while (i < text.Length && text[i] is not ('=' or ';' or ',') && !char.IsWhiteSpace(text[i])) i++;
                var name = text[nameStart..i];
                SkipWhitespace(text, ref i);
                var value = "";
                if (i < text.Length && text[i] == '=')
                {
                    i++;
                    SkipWhitespace(text, ref i);
                    value = text[i] == '"' ? Quoted(text, ref i) : Token(text, ref i);
                }
                if (!parameters.TryAdd(name, value)) throw new FormatException($"parameter {name} twice in a link of {text}");
            }
            links.Add(new LinkValue(target, parameters));
        }
    }

    private static string Quoted(string text, ref int i)
    {
        var value = new StringBuilder();
        for (i++; i < text.Length && text[i] != '"'; i++)
        {
            if (text[i] == '\\') i++;
            value.Append(text[i]);
        }
        if (i >= text.Length) throw new FormatException($"unterminated quoted value in {text}");
        i++;
        return value.ToString();
    }

    private static string Token(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] is not (';' or ',') && !char.IsWhiteSpace(text[i])) i++;
        return text[start..i];
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
    }
}
