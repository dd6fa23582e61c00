using System.Text.Json.Nodes;
using PolicyArchiver.Insight.Topics;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Insight;

/// <summary>The topic lexicon: its syntax, its loading and validation, and how well it reads real kk/ru/en wording.</summary>
public class TopicLexiconTests
{
    public static readonly string[] TopicIds =
    [
        "data-collection", "third-parties", "cross-border", "retention", "government-requests", "targeted-advertising", "cookies",
        "breach-notification", "user-rights", "change-notice", "jurisdiction", "biometrics", "algorithms",
    ];

    public static TheoryData<string, string, string> Phrases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(ClauseFixtures.PathOf("lexicon-phrases.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1], parts[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Phrases))]
    public void The_built_in_lexicon_reads_real_policy_wording(string topic, string language, string phrase)
    {
        var found = TopicLexiconLoader.Embedded.Match(phrase);

        if (topic.StartsWith('!')) Assert.DoesNotContain(topic[1..], found);
        else Assert.True(found.Contains(topic), $"{language}: \"{phrase}\" should touch {topic}, found [{string.Join(", ", found)}]");
    }

    [Fact]
    public void The_built_in_lexicon_is_the_repositorys_topics_json_with_the_thirteen_topics_in_three_languages()
    {
        var shipped = TopicLexiconLoader.Parse(File.ReadAllText(Path.Combine(Repository.Root, "topics.json")));
        var embedded = TopicLexiconLoader.Embedded;

        Assert.Equal(TopicIds, embedded.Ids);
        Assert.Equal(shipped.Ids, embedded.Ids);
        foreach (var topic in embedded.Topics)
        {
            Assert.Equal(shipped.Find(topic.Id)!.Keywords.Values.SelectMany(k => k).Select(k => k.Source), topic.Keywords.Values.SelectMany(k => k).Select(k => k.Source));
            foreach (var language in TopicLexiconLoader.Languages)
            {
                Assert.False(string.IsNullOrWhiteSpace(topic.Labels[language]));
                Assert.NotEmpty(topic.Keywords[language]);
            }
        }
        Assert.Equal(TopicLexiconLoader.BuiltIn, embedded.Source);
    }

    [Theory]
    [InlineData("треть лиц", "Банк не передаёт данные третьим лицам.", true)]
    [InlineData("треть лиц", "Перечень третьих лиц опубликован.", true)]
    [InlineData("передач треть", "передача персональных данных третьим лицам", true)]     // two words between
    [InlineData("передач треть", "передача персональных данных нашим третьим лицам", false)] // three: too far
    [InlineData("треть лиц", "лица третьи", false)]                                        // stems keep their order
    [InlineData("лиц", "ЛИЦАМ", true)]                                                      // case does not matter
    [InlineData("передает", "передаёт", true)]                                              // ё is е
    [InlineData("ip адрес", "IP-адрес устройства", true)]                                   // hyphens separate words
    [InlineData("ai$", "AI models", true)]
    [InlineData("ai$", "our aim", false)]                                                   // $: the whole word only
    [InlineData("реклам", "нереклама", false)]                                              // stems start words
    public void A_keyword_is_stems_at_word_starts_in_order_within_two_words(string keyword, string text, bool matches)
    {
        var lexicon = Lexicon(keyword);

        Assert.Equal(matches, lexicon.Match(text).Count == 1);
    }

    [Fact]
    public async Task Topics_json_in_the_working_directory_is_used_when_no_file_is_given()
    {
        using var temp = new TempDirectory();
        Assert.Same(TopicLexiconLoader.Embedded, await TopicLexiconLoader.ResolveAsync(null, temp.Path));

        await File.WriteAllTextAsync(Path.Combine(temp.Path, "topics.json"), LexiconJson("бонус"));
        var local = await TopicLexiconLoader.ResolveAsync(null, temp.Path);

        Assert.Equal(Path.Combine(temp.Path, "topics.json"), local.Source);
        Assert.Equal(["loyalty"], local.Match("Начисление бонусов"));
    }

    [Fact]
    public void An_invalid_lexicon_names_every_problem_by_its_json_path()
    {
        var json = File.ReadAllText(ClauseFixtures.PathOf("topics-invalid.json"));

        var e = Assert.Throws<TopicsException>(() => TopicLexiconLoader.Parse(json, "topics-invalid.json"));

        Assert.Contains("$.topics[0].label.kk: required label is missing", e.Errors);
        Assert.Contains(e.Errors, m => m.StartsWith("$.topics[0].keywords.ru[1]: \"Третьим лицам\" must be lowercase", StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.StartsWith("$.topics[0].keywords.en[0]: \"a\": stem \"a\" is shorter than two letters", StringComparison.Ordinal));
        Assert.Contains("$.topics[1].id: duplicate topic id \"third-parties\" (first used at $.topics[0])", e.Errors);
        Assert.Contains("$.topics[2].id: \"Bad Id\" must match [a-z0-9-]+", e.Errors);
        Assert.Contains(e.Errors, m => m.StartsWith("$.topics[2].keywords.de: unknown language", StringComparison.Ordinal));
        Assert.StartsWith("topics-invalid.json: ", e.Message);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line()
    {
        var e = Assert.Throws<TopicsException>(() => TopicLexiconLoader.Parse("{\n  \"topics\": [\n}", "broken.json"));

        Assert.StartsWith("$: invalid JSON at line 3", Assert.Single(e.Errors));
    }

    /// <summary>A lexicon of one topic, "loyalty", with the given ru keywords.</summary>
    internal static string LexiconJson(params string[] keywords) => new JsonObject
    {
        ["topics"] = new JsonArray(new JsonObject
        {
            ["id"] = "loyalty",
            ["label"] = new JsonObject { ["en"] = "Loyalty", ["ru"] = "Лояльность", ["kk"] = "Адалдық" },
            ["description"] = "Loyalty programmes.",
            ["keywords"] = new JsonObject { ["ru"] = new JsonArray(keywords.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()) },
        }),
    }.ToJsonString();

    private static TopicLexicon Lexicon(string keyword) => TopicLexiconLoader.Parse(LexiconJson(keyword));

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("topics-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
