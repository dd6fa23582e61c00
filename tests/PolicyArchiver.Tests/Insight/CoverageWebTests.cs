using System.Net;
using System.Text.Json.Nodes;
using PolicyArchiver.Tests.Web;

namespace PolicyArchiver.Tests.Insight;

/// <summary>The same coverage on the web: the company matrix marks a page serving another language; the API equals the CLI.</summary>
[Collection(CoverageArchiveFixture.Collection)]
public class CoverageWebTests(CoverageArchiveFixture fixture)
{
    [Fact]
    public async Task Company_matrix_marks_a_page_served_in_another_language()
    {
        var page = await Page.OkAsync(fixture.Http, "/companies/dalamarket");
        var matrix = page.QuerySelector("table.matrix")!;
        var languages = matrix.QuerySelectorAll("thead th").Skip(1).Select(th => th.GetAttribute("lang")).ToList();
        var rows = matrix.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent);

        var terms = rows["terms-of-service"].QuerySelectorAll("td").ToList();
        var kazakh = terms[languages.IndexOf("kk")];
        Assert.Contains("wrong-language", kazakh.ClassList);
        Assert.Equal("serves ru", kazakh.QuerySelector(".badge.wrong-language")!.TextContent);
        Assert.DoesNotContain("wrong-language", terms[languages.IndexOf("ru")].ClassList);
        Assert.Empty(rows["privacy-policy"].QuerySelectorAll(".wrong-language"));
    }

    [Fact]
    public async Task Version_page_shows_the_detected_language_and_the_mismatch()
    {
        var kazakh = await Page.OkAsync(fixture.Http, "/companies/dalamarket/privacy-policy-kk/versions/1");
        Assert.Matches(@"^kk \(\d+%\)$", kazakh.QuerySelector("dd.detected-language")!.TextContent);
        var wrong = await Page.OkAsync(fixture.Http, "/companies/dalamarket/terms-of-service-kk/versions/1");
        Assert.Matches(@"^ru \(\d+%\) — declared kk$", wrong.QuerySelector("dd.detected-language")!.TextContent);
    }

    [Theory]
    [InlineData("/api/coverage")]
    [InlineData("/api/coverage?company=steppetelecom")]
    public async Task Api_coverage_equals_the_cli_json(string path)
    {
        var response = await fixture.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var api = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        var only = path.Contains("company=") ? new[] { "--only", path.Split('=')[1] } : [];
        var cli = await Support.Cli.RunAsync(fixture.Temp, ["coverage", .. only, "--json"]);
        Assert.Equal(0, cli.ExitCode);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Out), api), $"API: {api}\nCLI: {cli.Out}");
    }

    [Fact]
    public async Task Api_coverage_of_an_unknown_company_is_404()
    {
        var response = await fixture.Http.GetAsync("/api/coverage?company=nosuchcompany");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
