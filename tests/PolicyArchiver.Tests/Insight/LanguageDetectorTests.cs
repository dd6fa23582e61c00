using PolicyArchiver.Insight.Language;

namespace PolicyArchiver.Tests.Insight;

/// <summary>Which language a version's text is in: what the state-language scores rest on.</summary>
public class LanguageDetectorTests
{
    private static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "language", name));

    [Theory]
    [InlineData("privacy-kk.txt", "kk")]
    [InlineData("privacy-kk-latin-i.txt", "kk")]
    [InlineData("privacy-ru.txt", "ru")]
    [InlineData("privacy-en.txt", "en")]
    [InlineData("offer-kk-ru.txt", "mixed")]
    [InlineData("short.txt", "unknown")]
    [InlineData("navigation.txt", "unknown")]
    public void A_policy_is_detected_in_its_language(string file, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(Text(file)).Language);

    [Fact]
    public void A_Kazakh_policy_quoting_Russian_company_names_stays_Kazakh()
    {
        var text = Text("privacy-kk.txt");
        Assert.Contains("ТОО «Дала Маркет»", text);
        Assert.Contains("АО «Халык Банк Казахстана»", text);
        var detection = LanguageDetector.Detect(text);
        Assert.Equal("kk", detection.Language);
        Assert.True(detection.Shares.Kk >= 0.9, $"kk share {detection.Shares}");
        Assert.True(detection.Serves("kk"));
        Assert.False(detection.Serves("ru"));
    }

    [Fact]
    public void A_Russian_policy_naming_Kazakh_places_and_companies_stays_Russian()
    {
        var text = Text("privacy-ru.txt");
        Assert.Contains(text, LineTally.IsKazakhLetter); // «Қабанбай батыр», «Әл-Фараби»…
        var detection = LanguageDetector.Detect(text);
        Assert.Equal("ru", detection.Language);
        Assert.True(detection.Shares.Ru >= 0.95, $"ru share {detection.Shares}");
        Assert.False(detection.Serves("kk"));
    }

    [Fact]
    public void A_page_with_the_whole_text_in_Kazakh_and_Russian_is_mixed_and_serves_both()
    {
        var detection = LanguageDetector.Detect(Text("offer-kk-ru.txt"));
        Assert.Equal("mixed", detection.Language);
        Assert.InRange(detection.Shares.Kk, 0.35, 0.65);
        Assert.InRange(detection.Shares.Ru, 0.35, 0.65);
        Assert.Equal(0, detection.Shares.En);
        Assert.True(detection.Serves("kk"));
        Assert.True(detection.Serves("ru"));
        Assert.False(detection.Serves("en"));
        Assert.Matches(@"^mixed \((kk|ru) \d\d%, (kk|ru) \d\d%\)$", detection.Describe());
    }

    [Fact]
    public void Shares_add_up_to_one_and_read_as_percentages()
    {
        var detection = LanguageDetector.Detect(Text("privacy-kk.txt"));
        Assert.Equal(1.0, detection.Shares.Kk + detection.Shares.Ru + detection.Shares.En, 2);
        Assert.Equal($"kk ({LanguageShares.Percent(detection.Shares.Kk)}%)", detection.Describe());
        Assert.StartsWith("kk ", detection.Shares.ToString());
    }

    [Fact]
    public void Lines_of_digits_addresses_and_contacts_are_left_out()
    {
        var text = Text("privacy-ru.txt");
        var alone = LanguageDetector.Detect(text);
        var withNoise = LanguageDetector.Detect(text + "\n" + Text("navigation.txt"));
        Assert.Equal(alone, withNoise);
        Assert.Equal(0, LanguageDetector.Detect(Text("navigation.txt")).Letters);
    }

    [Fact]
    public void A_long_text_gets_the_same_answer_as_its_parts()
    {
        var kazakh = Text("privacy-kk.txt");
        var long300KB = string.Concat(Enumerable.Repeat(kazakh + "\n", 300_000 / kazakh.Length + 1));
        var detection = LanguageDetector.Detect(long300KB);
        Assert.Equal("kk", detection.Language);
        Assert.Equal(LanguageDetector.Detect(kazakh).Shares, detection.Shares);
    }

    [Fact]
    public void A_text_too_short_to_judge_is_unknown_and_taken_to_serve_any_language()
    {
        var detection = LanguageDetector.Detect(Text("short.txt"));
        Assert.Equal("unknown", detection.Language);
        Assert.True(detection.Letters < LanguageDetector.MinimumLetters);
        Assert.True(detection.Serves("kk"));
        Assert.Equal("unknown", detection.Describe());
    }
}
