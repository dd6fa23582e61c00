using System.Text;

namespace PolicyArchiver.Web.Memento;

/// <summary>
/// Link values (RFC 8288) as Memento uses them in Link headers and in TimeMaps (RFC 6690 link-format):
/// <c>&lt;url&gt;; rel="…"; datetime="…"</c>.
/// </summary>
internal static class LinkHeader
{
    public static string Link(Uri target, string rel, params (string Name, string Value)[] attributes)
    {
        var link = new StringBuilder();
        link.Append('<').Append(target.AbsoluteUri).Append(">; rel=\"").Append(rel).Append('"');
        foreach (var (name, value) in attributes) link.Append("; ").Append(name).Append("=\"").Append(value).Append('"');
        return link.ToString();
    }

    /// <summary>A link to a memento, with its relation types (<c>first</c>, <c>prev</c>, …) before <c>memento</c>.</summary>
    public static string Memento(Uri target, DateTimeOffset datetime, IEnumerable<string> relations) =>
        Link(target, string.Join(' ', relations.Append("memento")), ("datetime", MementoDatetime.Rfc1123(datetime)));
}
