using System.Text.Json.Nodes;
using PolicyArchiver.Tests.Support;
using PolicyArchiver.Tests.Web;

namespace PolicyArchiver.Tests.Insight;

/// <summary>
/// Language detection on the shared fixture site's real captures: HTML in Kazakh and Russian, a
/// windows-1251 page, a Kazakh PDF and a scripted page all serve the language they declare.
/// </summary>
[Collection(WebArchiveFixture.Collection)]
public class FixtureSiteLanguageTests(WebArchiveFixture web)
{
    [Fact]
    public async Task Every_captured_fixture_document_serves_its_declared_language()
    {
        var result = await Support.Cli.RunAsync(web.Temp, "coverage", "--only", WebArchiveFixture.Company, "--json");
        Assert.Equal(0, result.ExitCode);
        var cells = JsonNode.Parse(result.Out)!.AsArray().Single()!["cells"]!.AsArray();
        var archived = cells.Where(c => c!["state"]!.GetValue<string>() == "archived").ToList();
        Assert.Contains(archived, c => c!["document"]!.GetValue<string>() == "testbank/personal-data-policy-kk"); // the PDF
        Assert.Contains(archived, c => c!["document"]!.GetValue<string>() == "testbank/user-agreement-ru");       // windows-1251
        Assert.All(archived, c => Assert.Equal(c!["language"]!.GetValue<string>(), c["detectedLanguage"]!.GetValue<string>()));
        Assert.DoesNotContain(cells, c => c!["state"]!.GetValue<string>() == "served-in-wrong-language");
    }

    [Fact]
    public async Task The_api_answers_the_same_coverage_as_the_cli()
    {
        var api = JsonNode.Parse(await web.Http.GetStringAsync("/api/coverage?company=testbank"));
        var cli = await Support.Cli.RunAsync(web.Temp, "coverage", "--only", "testbank", "--json");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cli.Out), api));
    }

    [Fact]
    public async Task Version_pages_show_the_detected_language()
    {
        var kazakh = await Page.OkAsync(web.Http, "/companies/testbank/privacy-policy-kk/versions/1");
        Assert.Matches(@"^kk \(\d+%\)$", kazakh.QuerySelector("dd.detected-language")!.TextContent);
        var russian = await Page.OkAsync(web.Http, "/companies/testbank/privacy-policy-ru/versions/2");
        Assert.Matches(@"^ru \(\d+%\)$", russian.QuerySelector("dd.detected-language")!.TextContent);
    }
}
