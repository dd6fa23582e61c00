namespace PolicyArchiver.Insight.Language;

/// <summary>
/// What <see cref="LanguageDetector"/> can say about a text. Only the three languages the ratings
/// score are told apart; <see cref="Mixed"/> and <see cref="Unknown"/> are answers too, because a
/// bilingual page and an empty one are findings, not errors.
/// </summary>
internal static class DetectedLanguages
{
    /// <summary>Kazakh in Cyrillic script, the state language.</summary>
    public const string Kazakh = "kk";
    public const string Russian = "ru";
    /// <summary>Latin-script text: the detector does not tell English from other Latin-script languages.</summary>
    public const string English = "en";
    /// <summary>No single language holds <see cref="LanguageDetector.DominantShare"/> of the letters.</summary>
    public const string Mixed = "mixed";
    /// <summary>Fewer than <see cref="LanguageDetector.MinimumLetters"/> letters: nothing to judge.</summary>
    public const string Unknown = "unknown";

    /// <summary>The languages the detector measures a share of.</summary>
    public static readonly IReadOnlyList<string> Measured = [Kazakh, Russian, English];
}
