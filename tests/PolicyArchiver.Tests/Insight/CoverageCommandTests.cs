using System.Text.Json.Nodes;
using PolicyArchiver.Storage;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Insight;

/// <summary>
/// <c>coverage</c> over real captures: which document types a company publishes in Kazakh, Russian
/// and English, which of them are reachable and in the language they claim, and whether the company
/// links its previous versions.
/// </summary>
[Collection(CoverageArchiveFixture.Collection)]
public class CoverageCommandTests(CoverageArchiveFixture fixture)
{
    private async Task<JsonArray> CoverageJsonAsync(params string[] args)
    {
        var result = await Support.Cli.RunAsync(fixture.Temp, ["coverage", .. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonNode.Parse(result.Out)!.AsArray();
    }

    private static JsonNode Company(JsonArray all, string id) => all.Single(c => c!["company"]!.GetValue<string>() == id)!;

    /// <summary>The cells of a company keyed "type/language" (one document per cell in this fixture).</summary>
    private static Dictionary<string, JsonNode> Cells(JsonNode company) =>
        company["cells"]!.AsArray().ToDictionary(c => $"{c!["type"]}/{c["language"]}", c => c!);

    [Fact]
    public async Task Each_type_by_language_gets_its_state_from_targets_captures_and_detected_language()
    {
        var cells = Cells(Company(await CoverageJsonAsync(), "dalamarket"));
        var states = cells.ToDictionary(c => c.Key, c => c.Value["state"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["cookie-policy/kk"] = "missing",
            ["cookie-policy/ru"] = "unreachable",
            ["cookie-policy/en"] = "missing",
            ["privacy-policy/kk"] = "archived",
            ["privacy-policy/ru"] = "archived",
            ["privacy-policy/en"] = "missing",
            ["terms-of-service/kk"] = "served-in-wrong-language",
            ["terms-of-service/ru"] = "archived",
            ["terms-of-service/en"] = "missing",
        }, states);

        Assert.Equal(("dalamarket/privacy-policy-kk", "kk"), (cells["privacy-policy/kk"]["document"]!.GetValue<string>(), cells["privacy-policy/kk"]["detectedLanguage"]!.GetValue<string>()));
        Assert.Equal("ru", cells["privacy-policy/ru"]["detectedLanguage"]!.GetValue<string>());
        Assert.True(cells["privacy-policy/kk"]["shares"]!["kk"]!.GetValue<double>() >= 0.8);
        Assert.Equal(1, cells["privacy-policy/kk"]["version"]!.GetValue<int>());
        Assert.Null(cells["privacy-policy/en"]["document"]);
    }

    [Fact]
    public async Task A_Kazakh_address_serving_Russian_text_reports_the_language_it_serves()
    {
        var terms = Cells(Company(await CoverageJsonAsync("--only", "dalamarket"), "dalamarket"))["terms-of-service/kk"];
        Assert.Equal("dalamarket/terms-of-service-kk", terms["document"]!.GetValue<string>());
        Assert.Equal("ru", terms["detectedLanguage"]!.GetValue<string>());
        Assert.True(terms["shares"]!["ru"]!.GetValue<double>() >= 0.8);
        Assert.True(terms["shares"]!["kk"]!.GetValue<double>() < 0.2);
    }

    [Fact]
    public async Task A_vanished_document_is_unreachable_with_its_last_outcome_and_since_when()
    {
        var cookies = Cells(Company(await CoverageJsonAsync(), "dalamarket"))["cookie-policy/ru"];
        Assert.Equal("not-found", cookies["lastOutcome"]!.GetValue<string>());
        var observations = await fixture.Temp.Archive.Catalog.GetObservationsAsync("dalamarket/cookie-policy-ru");
        Assert.Equal(Instant.Format(observations[0].At), cookies["since"]!.GetValue<string>());
        Assert.Null(cookies["detectedLanguage"]);
        Assert.Null(cookies["version"]);
    }

    [Fact]
    public async Task A_link_to_previous_editions_is_reported_with_its_evidence()
    {
        var archive = Company(await CoverageJsonAsync(), "dalamarket")["publicArchive"]!;
        Assert.True(archive["linked"]!.GetValue<bool>());
        var evidence = Assert.Single(archive["evidence"]!.AsArray())!;
        Assert.Equal("dalamarket/privacy-policy-ru", evidence["document"]!.GetValue<string>());
        Assert.Equal("Предыдущие редакции", evidence["text"]!.GetValue<string>());
        Assert.Equal(new Uri(fixture.Site.BaseUrl, "/dalamarket/ru/privacy/archive").AbsoluteUri, evidence["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_company_without_such_a_link_has_no_public_archive_even_with_a_news_archive()
    {
        var steppe = Company(await CoverageJsonAsync(), "steppetelecom");
        Assert.False(steppe["publicArchive"]!["linked"]!.GetValue<bool>());
        Assert.Empty(steppe["publicArchive"]!["evidence"]!.AsArray());
    }

    [Fact]
    public async Task Core_types_count_as_missing_unless_an_equivalent_is_declared_and_bilingual_pages_serve_both()
    {
        var cells = Cells(Company(await CoverageJsonAsync(), "steppetelecom"));
        // A public offer stands for the terms: no terms-of-service row; the privacy policy has Kazakh only.
        Assert.DoesNotContain(cells.Keys, k => k.StartsWith("terms-of-service/", StringComparison.Ordinal));
        Assert.Equal(["cookie-policy", "privacy-policy", "public-offer"], cells.Values.Select(c => c["type"]!.GetValue<string>()).Distinct());
        Assert.Equal("missing", cells["privacy-policy/ru"]["state"]!.GetValue<string>());
        Assert.Equal("archived", cells["privacy-policy/kk"]["state"]!.GetValue<string>());

        var offer = cells["public-offer/ru"];
        Assert.Equal(("archived", "mixed"), (offer["state"]!.GetValue<string>(), offer["detectedLanguage"]!.GetValue<string>()));
        Assert.InRange(offer["shares"]!["kk"]!.GetValue<double>(), 0.3, 0.7);

        var never = cells["cookie-policy/kk"];
        Assert.Equal((CoverageArchiveFixture.NeverCaptured, "not-captured"), (never["document"]!.GetValue<string>(), never["state"]!.GetValue<string>()));
        Assert.Null(never["lastOutcome"]);
    }

    [Fact]
    public async Task Companies_come_in_id_order_with_kk_ru_en_columns_and_every_contract_field()
    {
        var all = await CoverageJsonAsync();
        Assert.Equal(["dalamarket", "steppetelecom"], all.Select(c => c!["company"]!.GetValue<string>()));
        var dala = Company(all, "dalamarket");
        Assert.Equal("ТОО «Дала Маркет»", dala["name"]!.GetValue<string>());
        Assert.Equal(["kk", "ru", "en"], dala["cells"]!.AsArray().Select(c => c!["language"]!.GetValue<string>()).Distinct());
        foreach (var cell in dala["cells"]!.AsArray())
            Assert.Equal(["type", "language", "state", "document", "version", "detectedLanguage", "shares", "lastOutcome", "since"],
                cell!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Text_output_is_a_table_per_company_in_Cyrillic()
    {
        var result = await Support.Cli.RunAsync(fixture.Temp, "coverage", "--only", "dalamarket");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.Equal("ТОО «Дала Маркет» (dalamarket)", lines[0]);
        Assert.Matches(@"^\s+kk\s+ru\s+en\s*$", lines[1]);
        Assert.Matches(@"^  terms-of-service\s+serves ru \(ru \d+%.*\)\s+archived\s+missing\s*$", lines.Single(l => l.Contains("terms-of-service")));
        Assert.Matches(@"^  cookie-policy\s+missing\s+unreachable: not-found since \d{4}-\d\d-\d\dT[\d:]+Z\s+missing\s*$", lines.Single(l => l.Contains("cookie-policy")));
        Assert.Contains("  public archive of previous versions: linked", lines);
        Assert.Contains(lines, l => l.Contains("dalamarket/privacy-policy-ru: «Предыдущие редакции» → http://127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain("steppetelecom", result.Out);
    }

    [Fact]
    public async Task An_unknown_company_is_bad_input()
    {
        var result = await Support.Cli.RunAsync(fixture.Temp, "coverage", "--only", "nosuchcompany", "--json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nosuchcompany", result.Error);
        Assert.Equal("", result.Out);
    }
}
