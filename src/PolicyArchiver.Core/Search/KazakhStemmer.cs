namespace PolicyArchiver.Search;

/// <summary>
/// A light suffix-stripping stemmer for Kazakh (Cyrillic), which Snowball does not cover. Kazakh
/// is agglutinative: a noun is root + plural + possessive + case, in that order
/// (<c>дерек-тер-іміз-дің</c>, "of our data"). The stemmer takes them off from the end, one layer at
/// a time and at most one suffix per layer, longest suffix first: case, then possessive, then plural.
/// </summary>
/// <remarks>
/// <para>Rules, and why:</para>
/// <list type="bullet">
/// <item>A suffix is removed only when at least <see cref="MinimumStem"/> letters stay: <c>заңы</c>
/// → <c>заң</c>, but <c>төмен</c> ("below") keeps its <c>-мен</c>.</item>
/// <item>The layers come in the order the language puts them, so a case ending is never taken off
/// what is left after a plural: one pass, no loop that eats roots.</item>
/// <item>First and second person singular possessives (<c>-ым/-ім/-м/-ың/-ің/-ң</c>) are left out on
/// purpose: policies address the reader with the polite <c>-ыңыз/-іңіз</c>, and the short endings
/// are the ends of very common roots (<c>келісім</c> "consent", <c>білім</c>, <c>мекен</c>).</item>
/// <item>The accusative <c>-н</c> is taken only after the third-person possessive <c>ы/і</c>
/// (<c>деректер-і-н</c>), never after any vowel.</item>
/// <item>Derivational suffixes (<c>-лық/-лік</c>, verbal nouns in <c>-у</c>) stay: <c>биометриялық</c>
/// is a word of its own, and a query that wants more types its prefix (<c>биометрия</c>).</item>
/// </list>
/// Recall beyond this comes from the search itself, which matches every query term as a prefix.
/// </remarks>
internal static class KazakhStemmer
{
    public const int MinimumStem = 3;

    private static readonly string[] Case = Longest(
        // genitive, dative, accusative, locative (and its attributive -ғы/-гі), ablative, instrumental
        "ның", "нің", "дың", "дің", "тың", "тің",
        "ға", "ге", "қа", "ке", "на", "не",
        "ны", "ні", "ды", "ді", "ты", "ті",
        "да", "де", "та", "те", "нда", "нде",
        "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",
        "дан", "ден", "тан", "тен", "нан", "нен", "ндан", "нден",
        "мен", "бен", "пен");

    private static readonly string[] Possessive = Longest(
        "ыңыз", "іңіз", "ңыз", "ңіз", "ымыз", "іміз", "мыз", "міз", "сы", "сі", "ы", "і");

    private static readonly string[] Plural = Longest("лар", "лер", "дар", "дер", "тар", "тер");

    /// <summary>The stem of a lower-case word; the word itself when no rule applies.</summary>
    public static string Stem(string word)
    {
        var stem = StripAccusativeN(word) ?? Strip(word, Case);
        stem = Strip(stem, Possessive);
        return Strip(stem, Plural);
    }

    private static string? StripAccusativeN(string word) =>
        word.Length > MinimumStem + 1 && word[^1] == 'н' && word[^2] is 'ы' or 'і' ? word[..^1] : null;

    private static string Strip(string word, string[] suffixes)
    {
        foreach (var suffix in suffixes)
            if (word.Length - suffix.Length >= MinimumStem && word.EndsWith(suffix, StringComparison.Ordinal) && Fits(suffix, word[^(suffix.Length + 1)]))
                return word[..^suffix.Length];
        return word;
    }

    private const string Vowels = "аәеиоөұүыіэюя";
    private const string Voiceless = "пфкқтсшщхцчһ";

    /// <summary>
    /// Whether a suffix can follow this letter: Kazakh picks the first consonant of a suffix by the
    /// sound before it. т- and қ/к- forms follow voiceless consonants; the accusative and genitive in
    /// д- follow other consonants (у and й too: <c>өңдеуді</c>); those in н- and the dative -на/-не follow
    /// vowels. So <c>саясаты</c> is саясат + ы, not саяса + ты.
    /// </summary>
    private static bool Fits(string suffix, char before) => suffix switch
    {
        ['т', ..] or "қа" or "ке" => Voiceless.Contains(before),
        "ды" or "ді" or "дың" or "дің" => !Vowels.Contains(before),
        "ны" or "ні" or "ның" or "нің" or "на" or "не" => Vowels.Contains(before),
        "ға" or "ге" => !Voiceless.Contains(before),
        _ => true,
    };

    private static string[] Longest(params string[] suffixes) => [.. suffixes.OrderByDescending(s => s.Length)];
}
