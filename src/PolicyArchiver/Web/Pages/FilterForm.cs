using System.Text;

namespace PolicyArchiver.Web.Pages;

/// <summary>The form that narrows <c>/changes</c>: a plain GET form, no script, every choice taken from the archive.</summary>
internal static class FilterForm
{
    public static string Render(ChangeFilter filter, IReadOnlyList<CompanyView> companies)
    {
        var documents = companies.SelectMany(c => c.Documents).ToList();
        var html = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/changes\">\n");
        Select(html, "company", "Company", filter.Company, companies.Select(c => (c.Id, c.Name)));
        Select(html, "sector", "Sector", filter.Sector, companies.Select(c => c.Sector).Distinct().Order(StringComparer.Ordinal).Select(s => (s, s)));
        Select(html, "type", "Document type", filter.Type, documents.Select(d => d.Type).Distinct().Order(StringComparer.Ordinal).Select(t => (t, t)));
        Select(html, "language", "Language", filter.Language, documents.Select(d => d.Language).Distinct().Order(StringComparer.Ordinal).Select(l => (l, l)));
        Select(html, "topic", "Topic", filter.Topic, SiteTopics.Lexicon.Topics.Select(t => (t.Id, t.Label("en"))));
        Date(html, "from", "From", filter.From);
        Date(html, "to", "To", filter.To);
        html.Append("<label><input type=\"checkbox\" name=\"includeTechnical\" value=\"true\"").Append(filter.IncludeTechnical ? " checked" : "").Append("> technical changes too</label>\n");
        html.Append("<button type=\"submit\">Filter</button> <a href=\"/changes\">clear</a>\n</form>\n");
        return html.ToString();
    }

    internal static void Select(StringBuilder html, string name, string label, string? chosen, IEnumerable<(string Value, string Text)> options)
    {
        html.Append("<label>").Append(Html.E(label)).Append(" <select name=\"").Append(name).Append("\"><option value=\"\">all</option>");
        foreach (var (value, text) in options)
            html.Append("<option value=\"").Append(Html.E(value)).Append('"').Append(value == chosen ? " selected" : "").Append('>').Append(Html.E(text)).Append("</option>");
        html.Append("</select></label>\n");
    }

    internal static void Date(StringBuilder html, string name, string label, string? value) =>
        html.Append("<label>").Append(Html.E(label)).Append(" <input type=\"date\" name=\"").Append(name).Append("\" value=\"").Append(Html.E(value ?? "")).Append("\"></label>\n");
}
