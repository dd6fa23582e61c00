using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Exporting;
using PolicyArchiver.Web.Pages;

namespace PolicyArchiver.Web;

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
            new(Day(now.AddMonths(-3)), Day(now), "", ExportFormat.Zip.Name);

        private static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static IResult Page(IReadOnlyList<CompanyView> companies, Values values, string? error = null)
    {
        var html = new StringBuilder();
        html.Append("<h1>Export a dataset</h1>\n");
        if (error is not null) html.Append("<p class=\"error\" role=\"alert\"><strong>Cannot export:</strong> ").Append(Html.E(error)).Append("</p>\n");
        html.Append("<p>Every observation of the window, failures included (researchers count outages too), with the raw snapshot, ")
            .Append("the text of the version in force after it and the screenshot, listed in <code>manifest.csv</code> and <code>manifest.jsonl</code>. ")
            .Append("Or the same captures' WARC records as a WACZ package that replay tools open.</p>\n");
        html.Append("<form method=\"get\" action=\"/export\">\n");
        html.Append("<p><label for=\"from\">From (inclusive)</label> <input type=\"date\" id=\"from\" name=\"from\" required value=\"").Append(Html.E(values.From)).Append("\"></p>\n");
        html.Append("<p><label for=\"to\">To (inclusive, to the end of that day UTC)</label> <input type=\"date\" id=\"to\" name=\"to\" required value=\"").Append(Html.E(values.To)).Append("\"></p>\n");
        html.Append("<p><label for=\"only\">Documents</label> <select id=\"only\" name=\"only\">\n");
        html.Append(Option("", "All companies", values.Only));
        foreach (var company in companies)
        {
            html.Append("<optgroup label=\"").Append(Html.E(company.Name)).Append("\">\n");
            html.Append(Option(company.Id, $"All of {company.Name}", values.Only));
            foreach (var d in company.Documents) html.Append(Option(d.Key, $"{d.Title ?? d.Id} ({d.Type}, {Html.Language(d.Language)})", values.Only));
            html.Append("</optgroup>\n");
        }
        html.Append("</select></p>\n");
        html.Append("<fieldset><legend>Format</legend>\n");
        html.Append(Radio("zip", "ZIP: manifest.csv, manifest.jsonl and the files, under company/document/", values.Format));
        html.Append(Radio("wacz", "WACZ 1.1.1: the WARC records with a CDXJ index, for ReplayWeb.page or pywb", values.Format));
        html.Append("</fieldset>\n<p><button type=\"submit\">Download</button></p>\n</form>\n");
        html.Append("<h2>Manifest columns</h2>\n<p>").Append(string.Join(", ", ManifestRow.Columns.Select(c => $"<code>{Html.E(c)}</code>"))).Append(". ")
            .Append("Times are UTC (ISO 8601 with Z). A failed observation has a row but no files. The same export from the command line: ")
            .Append("<code>policyarchiver export --from DATE --to DATE [--only COMPANY[/DOCUMENT]] --out FILE [--format zip|wacz]</code>.</p>\n");
        return Layout.Page("Export", html.ToString(), [new Layout.Crumb("/export", "Export")],
            status: error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static string Option(string value, string label, string selected) =>
        $"<option value=\"{Html.E(value)}\"{(value == selected ? " selected" : "")}>{Html.E(label)}</option>\n";

    private static string Radio(string value, string label, string selected)
    {
        var chosen = (ExportFormat.Parse(selected) ?? ExportFormat.Zip).Name == value;
        return $"<p><label><input type=\"radio\" name=\"format\" value=\"{value}\"{(chosen ? " checked" : "")}> {Html.E(label)}</label></p>\n";
    }
}
