using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Exporting;
using PolicyArchiver.Exporting.Formats;
using PolicyArchiver.Web.Localization;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web.Pages;

/// <summary>
/// The export form: a plain GET form (no script) whose fields are the download's query parameters,
/// shown again with the reason and the values given when they cannot be used.
/// </summary>
internal static class ExportForm
{
    public sealed record Values(string From, string To, string Only, string Format)
    {
        /// <summary>The last three months up to today, all documents, ZIP.</summary>
        public static Values Default(DateTimeOffset now) =>
            new(Day(now.AddMonths(-3)), Day(now), "", ExportFormats.Default.Name);

        private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static IResult Page(IReadOnlyList<CompanyView> companies, Values values, string? error = null)
    {
        var t = SiteText.Current;
        var html = new StringBuilder();
        html.Append("<h1>").Append(Html.E(t.ExportTitle)).Append("</h1>\n");
        if (error is not null) html.Append("<p class=\"error\" role=\"alert\"><strong>").Append(Html.E(t.CannotExport)).Append("</strong> <span lang=\"en\">").Append(Html.E(error)).Append("</span></p>\n");
        html.Append("<p>").Append(Html.Fill(t.ExportLede, "<code>manifest.csv</code>", "<code>manifest.jsonl</code>")).Append("</p>\n");
        html.Append("<form method=\"get\" action=\"/export\">\n");
        html.Append("<p><label for=\"from\">").Append(Html.E(t.FromInclusive)).Append("</label> <input type=\"date\" id=\"from\" name=\"from\" required value=\"").Append(Html.E(values.From)).Append("\"></p>\n");
        html.Append("<p><label for=\"to\">").Append(Html.E(t.ToInclusive)).Append("</label> <input type=\"date\" id=\"to\" name=\"to\" required value=\"").Append(Html.E(values.To)).Append("\"></p>\n");
        html.Append("<p><label for=\"only\">").Append(Html.E(t.Documents)).Append("</label> <select id=\"only\" name=\"only\">\n");
        html.Append(Option("", t.AllCompanies, values.Only));
        foreach (var company in companies)
        {
            html.Append("<optgroup label=\"").Append(Html.E(company.Name)).Append("\">\n");
            html.Append(Option(company.Id, SiteText.F(t.AllOf, company.Name), values.Only));
            foreach (var d in company.Documents) html.Append(Option(d.Key, $"{d.Title ?? d.Id} ({d.Type}, {Html.Language(d.Language)})", values.Only));
            html.Append("</optgroup>\n");
        }
        html.Append("</select></p>\n");
        html.Append("<fieldset><legend>").Append(Html.E(t.Format)).Append("</legend>\n");
        html.Append(Radio("zip", t.FormatZip, values.Format));
        html.Append(Radio("wacz", t.FormatWacz, values.Format));
        html.Append("</fieldset>\n<p><button type=\"submit\">").Append(Html.E(t.Download)).Append("</button></p>\n</form>\n");
        html.Append("<h2>").Append(Html.E(t.ManifestColumns)).Append("</h2>\n<p>").Append(string.Join(", ", ManifestRow.Columns.Select(c => $"<code>{Html.E(c)}</code>"))).Append(". ")
            .Append(Html.E(t.ManifestNote)).Append(' ')
            .Append("<code>policyarchiver export --from DATE --to DATE [--only COMPANY[/DOCUMENT]] --out FILE [--format zip|wacz]</code>.</p>\n");
        return Layout.Page(t.Export, html.ToString(), [new Layout.Crumb("/export", t.Export)],
            status: error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static string Option(string value, string label, string selected) =>
        $"<option value=\"{Html.E(value)}\"{(value == selected ? " selected" : "")}>{Html.E(label)}</option>\n";

    private static string Radio(string value, string label, string selected)
    {
        var chosen = (ExportFormats.Parse(selected) ?? ExportFormats.Default).Name == value;
        return $"<p><label><input type=\"radio\" name=\"format\" value=\"{value}\"{(chosen ? " checked" : "")}> {Html.E(label)}</label></p>\n";
    }
}
