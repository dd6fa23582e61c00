using System.Text;
using PolicyArchiver.Web.Localization;

namespace PolicyArchiver.Web.Pages;

/// <summary>The form that narrows <c>/changes</c>: a plain GET form, no script, every choice taken from the archive.</summary>
internal static class FilterForm
{
    public static string Render(ChangeFilter filter, IReadOnlyList<CompanyView> companies)
    {
        var t = SiteText.Current;
        var documents = companies.SelectMany(c => c.Documents).ToList();
        var html = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/changes\">\n");
        Select(html, "company", t.Company, filter.Company, companies.Select(c => (c.Id, c.Name)));
        Select(html, "sector", t.Sector, filter.Sector, companies.Select(c => c.Sector).Distinct().Order(StringComparer.Ordinal).Select(s => (s, s)));
        Select(html, "type", t.DocumentType, filter.Type, documents.Select(d => d.Type).Distinct().Order(StringComparer.Ordinal).Select(t => (t, t)));
        Select(html, "language", t.Language, filter.Language, documents.Select(d => d.Language).Distinct().Order(StringComparer.Ordinal).Select(l => (l, l)));
        Select(html, "topic", t.Topic, filter.Topic, SiteTopics.Lexicon.Topics.Select(topic => (topic.Id, topic.Label(t.Code))));
        Date(html, "from", t.From, filter.From);
        Date(html, "to", t.To, filter.To);
        html.Append("<label><input type=\"checkbox\" name=\"includeTechnical\" value=\"true\"").Append(filter.IncludeTechnical ? " checked" : "").Append("> ").Append(Html.E(t.TechnicalToo)).Append("</label>\n");
        html.Append("<button type=\"submit\">").Append(Html.E(t.Filter)).Append("</button> <a href=\"/changes\">").Append(Html.E(t.Clear)).Append("</a>\n</form>\n");
        return html.ToString();
    }

    internal static void Select(StringBuilder html, string name, string label, string? chosen, IEnumerable<(string Value, string Text)> options)
    {
        html.Append("<label>").Append(Html.E(label)).Append(" <select name=\"").Append(name).Append("\"><option value=\"\">").Append(Html.E(SiteText.Current.All)).Append("</option>");
        foreach (var (value, text) in options)
            html.Append("<option value=\"").Append(Html.E(value)).Append('"').Append(value == chosen ? " selected" : "").Append('>').Append(Html.E(text)).Append("</option>");
        html.Append("</select></label>\n");
    }

    internal static void Date(StringBuilder html, string name, string label, string? value) =>
        html.Append("<label>").Append(Html.E(label)).Append(" <input type=\"date\" name=\"").Append(name).Append("\" value=\"").Append(Html.E(value ?? "")).Append("\"></label>\n");
}
