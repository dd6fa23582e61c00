using System.Text;
using System.Text.Json.Nodes;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Web;

/// <summary>The coverage page across companies and its CSV say what <c>/api/coverage</c> says, cell for cell.</summary>
[Collection(WebArchiveFixture.Collection)]
public sealed class CoveragePageTests(WebArchiveFixture web)
{
    private async Task<List<(string Company, string Type, string Language, string State, string Document)>> ApiCellsAsync()
    {
        var companies = JsonNode.Parse(await web.Http.GetStringAsync("/api/coverage"))!.AsArray();
        return companies.SelectMany(c => c!["cells"]!.AsArray().Select(cell => (c["company"]!.GetValue<string>(), cell!["type"]!.GetValue<string>(),
            cell["language"]!.GetValue<string>(), cell["state"]!.GetValue<string>(), cell["document"]?.GetValue<string>() ?? ""))).ToList();
    }

    [Fact]
    public async Task The_csv_has_one_row_per_cell_of_the_api()
    {
        var response = await web.Http.GetAsync("/coverage.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("coverage.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("company,name,type,language,state,document,version,detected_language,share_kk,share_ru,share_en,last_outcome,since", lines[0]);
        // The fixture's names hold no comma or quote: a plain split reads the fields.
        var rows = lines[1..].Select(l => l.Split(',')).Select(f => (f[0], f[2], f[3], f[4], f[5])).ToList();
        Assert.Equal(await ApiCellsAsync(), rows);
        Assert.Contains(rows, r => r.Item4 == "missing");
    }

    [Fact]
    public async Task The_page_shows_every_cell_linked_to_its_document()
    {
        var cells = await ApiCellsAsync();
        var page = await Page.OkAsync(web.Http, "/coverage");
        var badges = page.QuerySelectorAll("table.coverage td .badge").ToList();
        Assert.Equal(cells.Count, badges.Count);
        Assert.Equal(cells.Select(c => c.State), badges.Select(b => b.ClassList.Single(c => c != "badge")));
        Assert.Equal(cells.Where(c => c.Document.Length > 0).Select(c => "/companies/" + c.Document),
            page.QuerySelectorAll("table.coverage td a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector("a[href='/coverage.csv']"));
    }
}
