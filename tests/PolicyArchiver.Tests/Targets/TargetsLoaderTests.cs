using PolicyArchiver.Targets;

namespace PolicyArchiver.Tests.Targets;

public class TargetsLoaderTests
{
    private static string RepositoryFile(string name) => Path.Combine(Support.Repository.Root, name);

    [Fact]
    public async Task The_real_targets_file_is_valid_and_covers_the_rated_companies()
    {
        var targets = await TargetsLoader.LoadAsync(RepositoryFile("targets.json"));
        var ids = targets.Companies.Select(c => c.Id).ToHashSet();
        foreach (var id in new[] { "kaspi", "halyk", "beeline", "kcell", "olx", "satu", "aitu", "onay", "kolesa", "krisha", "chocolife", "yandex-go" })
            Assert.Contains(id, ids);
        Assert.Contains(targets.Documents, d => d.Language == "kk");
        Assert.All(targets.Companies, c => Assert.True(c.Documents.Count >= 2, c.Id));
    }

    [Fact]
    public void A_valid_file_loads_with_defaults()
    {
        var targets = TargetsLoader.Parse("""
            {"companies":[{"id":"kaspi","name":"Kaspi.kz","sector":"fintech","homepage":"https://kaspi.kz/",
              "documents":[{"id":"privacy-policy-ru","type":"privacy-policy","language":"ru","url":"https://kaspi.kz/privacy",
                            "select":["article"],"remove":[".banner"],"schedule":"0 0 6 * * ?"}]}]}
            """);
        var document = Assert.Single(targets.Documents);
        Assert.Equal("kaspi/privacy-policy-ru", document.Key);
        Assert.Equal(["article"], document.Select);
        Assert.Equal([".banner"], document.Remove);
        Assert.Equal("kz", targets.Companies[0].Country);
        Assert.Same(document, targets.Find("kaspi/privacy-policy-ru"));
        Assert.Single(targets.Select("kaspi"));
        Assert.Empty(targets.Select("halyk"));
    }

    [Fact]
    public void Every_problem_is_listed_at_once_with_its_json_path()
    {
        var e = Assert.Throws<TargetsException>(() => TargetsLoader.Parse("""
            {"companies":[
              {"id":"ok","name":"Ok","sector":"telecom","homepage":"https://ok.kz/","documents":[]},
              {"id":"ok","name":"Dup","sector":"telecom","homepage":"https://dup.kz/","colour":"red","documents":[
                {"id":"a","type":"privacy-policy","language":"ru","url":"https://dup.kz/a"},
                {"id":"a","type":"privacy-policy","language":"ru","url":"//no-scheme"},
                {"id":"B","type":"poem","language":"russian","url":"https://dup.kz/b","select":["div[["],"schedule":"every day"}
              ]}
            ]}
            """, "t.json"));
        var errors = e.Errors;
        Assert.Contains("$.companies[1].id: duplicate company id \"ok\" (first used at $.companies[0])", errors);
        Assert.Contains(errors, x => x.StartsWith("$.companies[1].colour: unknown field", StringComparison.Ordinal));
        Assert.Contains(errors, x => x.StartsWith("$.companies[1].documents[1].id: duplicate document id \"a\"", StringComparison.Ordinal));
        Assert.Contains("$.companies[1].documents[1].url: not an absolute http(s) URL (\"//no-scheme\")", errors);
        Assert.Contains(errors, x => x.StartsWith("$.companies[1].documents[2].id: \"B\" must match", StringComparison.Ordinal));
        Assert.Contains(errors, x => x.StartsWith("$.companies[1].documents[2].type: unknown document type \"poem\"", StringComparison.Ordinal));
        Assert.Contains(errors, x => x.StartsWith("$.companies[1].documents[2].language: \"russian\" is not an ISO 639-1 code", StringComparison.Ordinal));
        Assert.Contains("$.companies[1].documents[2].select[0]: invalid CSS selector \"div[[\"", errors);
        Assert.Contains(errors, x => x.StartsWith("$.companies[1].documents[2].schedule: invalid Quartz cron expression", StringComparison.Ordinal));
        Assert.Equal(9, errors.Count);
        Assert.Contains("t.json", e.Message);
    }

    [Fact]
    public void Noise_rules_are_validated()
    {
        var ok = TargetsLoader.Parse("""
            {"companies":[{"id":"k","name":"K","sector":"fintech","homepage":"https://k.kz/","documents":[
              {"id":"d","type":"privacy-policy","language":"ru","url":"https://k.kz/p","ignore":["Обновлено \\d+ минут назад"],"stripQuery":["lang_ts"]}]}]}
            """);
        var document = Assert.Single(ok.Documents);
        Assert.Equal(["lang_ts"], document.StripQuery);
        Assert.Single(document.Ignore);

        var e = Assert.Throws<TargetsException>(() => TargetsLoader.Parse("""
            {"companies":[{"id":"k","name":"K","sector":"fintech","homepage":"https://k.kz/","documents":[
              {"id":"d","type":"privacy-policy","language":"ru","url":"https://k.kz/p","ignore":["(unclosed"],"stripQuery":["a=b"]}]}]}
            """));
        Assert.Contains(e.Errors, x => x.StartsWith("$.companies[0].documents[0].ignore[0]: invalid regular expression", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.StartsWith("$.companies[0].documents[0].stripQuery[0]:", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        var e = Assert.Throws<TargetsException>(() => TargetsLoader.Parse("{\n  \"companies\": [\n    {,\n  ]\n}"));
        Assert.StartsWith("$: invalid JSON at line 3", Assert.Single(e.Errors));
    }

    [Fact]
    public void Missing_required_fields_are_named()
    {
        var e = Assert.Throws<TargetsException>(() => TargetsLoader.Parse("""{"companies":[{"id":"x","documents":[{"id":"d"}]}]}"""));
        Assert.Contains("$.companies[0].name: required field is missing", e.Errors);
        Assert.Contains("$.companies[0].homepage: required field is missing", e.Errors);
        Assert.Contains("$.companies[0].documents[0].url: required field is missing", e.Errors);
        Assert.Contains("$.companies[0].documents[0].language: required field is missing", e.Errors);
    }
}
