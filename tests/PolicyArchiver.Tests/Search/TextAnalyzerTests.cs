using PolicyArchiver.Search;

namespace PolicyArchiver.Tests.Search;

/// <summary>
/// The one analyzer both index backends and every query use. Kazakh words are those of the real
/// operator privacy policy in /work/shared/seeds (operator-privacy-policy.kk.txt).
/// </summary>
public sealed class TextAnalyzerTests
{
    private static IReadOnlyList<string> Stems(string text, string language) => TextAnalyzer.Analyze(text, language).Select(t => t.Stem).ToList();

    private static bool Finds(string query, string text, string language)
    {
        var parsed = SearchQuery.Parse(query)!;
        var tokens = TextAnalyzer.Analyze(text, language);
        return parsed.Clauses.All(c => Enumerable.Range(0, tokens.Count).Any(i => c.MatchLength(tokens, i) > 0));
    }

    [Theory]
    [InlineData("деректер", "дерек")]
    [InlineData("деректерді", "дерек")]
    [InlineData("деректерін", "дерек")]
    [InlineData("деректердің", "дерек")]
    [InlineData("деректеріміздің", "дерек")]
    [InlineData("тұлғалардың", "тұлға")]
    [InlineData("тұлғаларға", "тұлға")]
    [InlineData("тұлғаға", "тұлға")]
    [InlineData("саясаты", "саясат")]
    [InlineData("саясатта", "саясат")]
    [InlineData("өңдеуге", "өңдеу")]
    [InlineData("өңдеуді", "өңдеу")]
    [InlineData("өңдеудің", "өңдеу")]
    [InlineData("қорғауға", "қорғау")]
    [InlineData("заңына", "заң")]
    [InlineData("саясатты", "саясат")]
    [InlineData("тұлғаны", "тұлға")]
    [InlineData("тұлғада", "тұлға")]
    public void Kazakh_suffixes_of_case_possessive_and_plural_come_off_down_to_the_root(string word, string stem) =>
        Assert.Equal(stem, KazakhStemmer.Stem(word));

    [Theory]
    [InlineData("келісім")] // "consent": -ім is a root's end here, not "my"
    [InlineData("төмен")] // -мен would leave two letters
    [InlineData("биометриялық")] // derivation stays: a word of its own
    [InlineData("үшін")]
    public void Kazakh_roots_that_only_look_inflected_are_left_whole(string word) =>
        Assert.Equal(word, KazakhStemmer.Stem(word));

    [Fact]
    public void Russian_inflections_share_a_stem_and_a_query_stem_finds_them_as_a_prefix()
    {
        Assert.Equal(Stems("третьим лицам", "ru"), Stems("третьих лиц", "ru"));
        Assert.Equal(Stems("биометрические", "ru"), Stems("биометрических", "ru"));
        Assert.True(Finds("хран", "Срок хранения данных", "ru"));
        Assert.True(Finds("хран", "Банк хранит данные", "ru"));
        Assert.False(Finds("хран", "Банк обрабатывает данные", "ru"));
    }

    [Fact]
    public void English_plural_and_singular_meet()
    {
        Assert.Equal(Stems("third parties", "en"), Stems("third party", "en"));
        Assert.True(Finds("\"third parties\"", "We never sell data to any third party.", "en"));
    }

    [Fact]
    public void Yo_reads_as_ye_and_case_does_not_matter()
    {
        Assert.Equal(Stems("ПАРТНЁРАМ", "ru"), Stems("партнерам", "ru"));
        Assert.True(Finds("партнёр", "передавать ПАРТНЕРАМ по программе", "ru"));
    }

    [Fact]
    public void In_a_Kazakh_document_a_word_without_Kazakh_only_letters_goes_through_the_Kazakh_stemmer_first()
    {
        // деректерін has no ә ғ қ ң ө ұ ү һ і: in a Kazakh document it is still Kazakh.
        Assert.Equal(["дербес", "дерек"], Stems("Дербес деректерін", "kk"));
        // …and a Russian word quoted there, which the Kazakh stemmer leaves alone, is stemmed as Russian.
        Assert.Equal(Stems("персональных", "ru"), Stems("персональных", "kk"));
        // In a Russian document the same letters are Russian.
        Assert.Equal(["дерек"], Stems("деректер", "kk"));
        Assert.NotEqual(Stems("деректер", "kk"), Stems("деректер", "ru"));
    }

    [Fact]
    public void A_query_word_finds_its_Kazakh_forms_whatever_the_query_is_typed_in()
    {
        const string text = "Оператордың дербес деректерді жинауға, өңдеуге және қорғауға қатысты саясаты";
        Assert.True(Finds("дерек", text, "kk"));
        Assert.True(Finds("деректер", text, "kk"));
        Assert.True(Finds("деректерін", text, "kk"));
        Assert.True(Finds("\"дербес деректер\"", text, "kk"));
        Assert.False(Finds("\"деректер дербес\"", text, "kk"));
    }

    [Fact]
    public void A_quoted_phrase_needs_its_words_side_by_side_while_plain_words_may_stand_anywhere()
    {
        const string text = "Банк не передаёт данные третьим лицам. Лица, указанные в третьем разделе, уведомляются.";
        Assert.True(Finds("\"третьих лиц\"", text, "ru"));
        Assert.False(Finds("\"лиц третьих\"", text, "ru"));
        Assert.True(Finds("уведомл третьих", text, "ru"));
        Assert.False(Finds("\"данные уведомляются\"", text, "ru"));
    }

    [Fact]
    public void Words_are_runs_of_letters_and_digits_with_where_they_stand()
    {
        var tokens = TextAnalyzer.Analyze("ИИН: 123456, «Kaspi.kz»", "ru");
        Assert.Equal(["иин", "123456", "kaspi", "kz"], tokens.Select(t => t.Stem));
        Assert.Equal((0, 3), (tokens[0].Start, tokens[0].Length));
        Assert.Equal((5, 6), (tokens[1].Start, tokens[1].Length));
    }

    [Fact]
    public void A_query_without_a_word_is_no_query()
    {
        Assert.Null(SearchQuery.Parse("  "));
        Assert.Null(SearchQuery.Parse("«—»"));
        Assert.Null(SearchQuery.Parse(null));
    }
}
