using System.Text.Json;
using PolicyArchiver.Cli;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Cli;

/// <summary><c>show</c>, <c>diff</c> and <c>evidence</c> answer in JSON for scripts; <c>changes COMPANY</c> lists a company's changes.</summary>
public sealed class JsonOutputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    private string Archive => Path.Combine(_dir, "archive");

    private async Task<Support.Cli.Result> RunAsync(params string[] args) =>
        await Support.Cli.RunAsync([.. args, "--archive", Archive, "--targets", Path.Combine(_dir, "targets.json")]);

    /// <summary>Two editions of a bank's privacy policy, imported from saved files.</summary>
    private async Task ImportTwoEditionsAsync()
    {
        Directory.CreateDirectory(_dir);
        await TestStorage.PrepareAsync(Archive);
        await File.WriteAllTextAsync(Path.Combine(_dir, "targets.json"), """
            {"companies": [{"id": "bank", "name": "Bank", "sector": "bank", "homepage": "https://bank.kz/",
              "documents": [{"id": "privacy-ru", "type": "privacy-policy", "language": "ru", "url": "https://bank.kz/privacy"},
                            {"id": "terms-ru", "type": "terms-of-service", "language": "ru", "url": "https://bank.kz/terms"}]}]}
            """);
        const string clauses = "<p>1. Банк обрабатывает персональные данные клиентов в целях оказания услуг и исполнения договора.</p>";
        await File.WriteAllTextAsync(Path.Combine(_dir, "v1.html"), $"<html><body><main><h1>Политика конфиденциальности</h1>{clauses}<p>2. Данные хранятся 3 года.</p></main></body></html>");
        await File.WriteAllTextAsync(Path.Combine(_dir, "v2.html"), $"<html><body><main><h1>Политика конфиденциальности</h1>{clauses}<p>2. Данные хранятся 5 лет.</p></main></body></html>");
        await File.WriteAllTextAsync(Path.Combine(_dir, "manifest.jsonl"), """
            {"file": "v1.html", "document": "bank/privacy-ru", "capturedAt": "2026-05-01T09:00:00Z"}
            {"file": "v2.html", "document": "bank/privacy-ru", "capturedAt": "2026-06-01T09:00:00Z"}
            """);
        var import = await RunAsync("import", "--manifest", Path.Combine(_dir, "manifest.jsonl"));
        Assert.True(import.ExitCode == 0, import.Error);
    }

    [Fact]
    public async Task Show_diff_and_evidence_answer_in_json()
    {
        await ImportTwoEditionsAsync();

        var show = JsonDocument.Parse((await RunAsync("show", "bank/privacy-ru", "--at", "15.05.2026", "--json")).Out).RootElement;
        Assert.Equal(("bank/privacy-ru", 1, "2026-05-01T09:00:00Z"), (show.GetProperty("document").GetString(), show.GetProperty("version").GetInt32(), show.GetProperty("capturedAt").GetString()));
        Assert.Contains("Данные хранятся 3 года.", show.GetProperty("text").GetString());

        var diff = JsonDocument.Parse((await RunAsync("diff", "bank/privacy-ru", "--json")).Out).RootElement;
        Assert.Equal((1, 2), (diff.GetProperty("fromVersion").GetInt32(), diff.GetProperty("toVersion").GetInt32()));
        var clause = Assert.Single(diff.GetProperty("clauses").EnumerateArray());
        Assert.Equal(("modified", "2"), (clause.GetProperty("kind").GetString(), clause.GetProperty("clause").GetString()));
        Assert.Contains("-2. Данные хранятся 3 года.", diff.GetProperty("diff").GetString());
        Assert.Contains("retention", diff.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));

        var bundle = Path.Combine(_dir, "bundle.zip");
        var evidence = await RunAsync("evidence", "bank/privacy-ru", "--at", "2026-06-02", "--out", bundle, "--json");
        Assert.True(evidence.ExitCode == 0, evidence.Error);
        var json = JsonDocument.Parse(evidence.Out).RootElement;
        Assert.Equal((bundle, 2, "2026-06-01T09:00:00Z"), (json.GetProperty("file").GetString(), json.GetProperty("version").GetInt32(), json.GetProperty("capturedAt").GetString()));
        Assert.True(File.Exists(bundle));
        Assert.True(json.GetProperty("checkpoint").GetInt64() > 0);
    }

    [Fact]
    public async Task Changes_of_a_company_are_every_change_of_its_documents_and_an_unknown_company_is_exit_2()
    {
        await ImportTwoEditionsAsync();

        var changes = JsonDocument.Parse((await RunAsync("changes", "bank", "--json")).Out).RootElement.EnumerateArray().ToList();
        var change = Assert.Single(changes);
        Assert.Equal(("bank/privacy-ru", 1, 2), (change.GetProperty("document").GetString(), change.GetProperty("fromVersion").GetInt32(), change.GetProperty("toVersion").GetInt32()));

        var unknown = await RunAsync("changes", "kaspi");
        Assert.Equal(ExitCodes.BadInput, unknown.ExitCode);
        Assert.Contains("\"kaspi\": no archived document of that company", unknown.Error);
    }

    [Fact]
    public async Task An_unknown_option_is_exit_2()
    {
        var result = await Support.Cli.RunAsync("status", "--no-such-option");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
