using PolicyArchiver.Extraction;
using PolicyArchiver.Versioning;

namespace PolicyArchiver.Tests.Versioning;

public class CanonicalTextTests
{
    [Fact]
    public void An_address_encoded_in_a_different_mix_of_entities_has_one_canonical_form()
    {
        var a = Links.Normalize("mailto:&#105;&#110;&#x66;&#x6f;&#64;Example.ORG", null, []);
        var b = Links.Normalize("mailto:&amp;#x69;&amp;#x6e;&amp;#102;&amp;#111;&amp;#x40;example.org?subject=Hi", null, []);
        Assert.Equal("mailto:info@example.org", a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Links_lose_host_case_default_port_fragment_and_volatile_parameters()
    {
        Assert.Equal("https://bank.kz/rules.pdf?id=7",
            Links.Normalize("HTTPS://Bank.KZ:443/rules.pdf?v=123&id=7&utm_source=x#page=2", null, []));
        Assert.Equal("tel:+77272440017", Links.Normalize("tel:+7 (727) 244-00-17", null, []));
    }

    [Fact]
    public void Look_alike_letters_and_residual_entities_are_no_difference()
    {
        // Kazakh ә written with Latin ə, Latin о and с inside Russian words, an entity left in the text.
        Assert.Equal(CanonicalText.Of("Деректер бәрі сақталады. Политика &amp; условия"),
            CanonicalText.Of("Деректер бəрі сақталады. Пoлитика & уcловия"));
        // Kazakh ү and у are two letters: a swap between them is a change.
        Assert.NotEqual(CanonicalText.Of("үй"), CanonicalText.Of("уй"));
    }

    [Fact]
    public void Folding_keeps_every_position_so_a_word_diff_shows_the_letters_as_served()
    {
        const string served = "Пoлитика банка";
        Assert.Equal(served.Length, LookAlikes.Folded(served).Length);
        Assert.Equal("Политика банка", LookAlikes.Folded(served));
        Assert.Equal("", PolicyArchiver.Changes.TextDiff.WordLevel("Политика банка\n", "Пoлитика банка\n"));
    }
}

public class NoiseModelTests
{
    private static NoiseModel Learned(params string[] captures)
    {
        var model = new NoiseModel();
        for (var i = 1; i < captures.Length; i++) model.Learn(captures[i - 1], captures[i], DateTimeOffset.UnixEpoch.AddHours(i));
        return model;
    }

    private static string Page(string updated, string rest = "Срок хранения 3 года.") => $"# Политика\nОбновлено {updated} минут назад\n{rest}\n";

    [Fact]
    public void A_span_that_changes_at_nearly_every_capture_is_volatile_and_masked()
    {
        var model = Learned(Page("5"), Page("12"), Page("40"), Page("7"));
        Assert.Contains(model.VolatileSpans, s => s.Context.Contains("Обновлено ⟨*⟩ минут"));
        Assert.True(model.Covers(Page("5"), Page("33")));
    }

    [Fact]
    public void A_real_edit_next_to_volatile_noise_is_still_a_change()
    {
        var model = Learned(Page("5"), Page("12"), Page("40"), Page("7"));
        Assert.False(model.Covers(Page("5"), Page("33", "Срок хранения 5 лет.")));
    }

    [Fact]
    public void A_value_of_another_kind_in_a_volatile_place_is_a_change()
    {
        var model = Learned(Page("5"), Page("12"), Page("40"), Page("7"));
        Assert.False(model.Covers(Page("5"), Page("нескольких")));
    }

    [Fact]
    public void One_edit_seen_once_is_never_noise()
    {
        var model = Learned(Page("5", "Срок 3 года."), Page("5", "Срок 5 лет."), Page("5", "Срок 5 лет."));
        Assert.Empty(model.VolatileSpans);
        Assert.False(model.Covers(Page("5", "Срок 5 лет."), Page("5", "Срок 7 лет.")));
    }

    [Fact]
    public void Two_values_that_stop_flipping_are_a_change_again()
    {
        var a = Page("5", "Баннер: вклад Премиум.");
        var b = Page("5", "Баннер: кредит Онлайн.");
        var model = Learned(a, b, a, b, a, b);
        Assert.True(model.Covers(a, b));
        for (var i = 0; i < 10; i++) model.Learn(b, b, DateTimeOffset.UnixEpoch);
        Assert.False(model.Covers(a, b));
    }
}

public class NoiseValueTests
{
    [Fact]
    public void Codes_that_share_a_character_by_chance_do_not_make_the_next_code_a_change()
    {
        // Three codes after the mailbox that happen to share their first character.
        var model = new NoiseModel();
        string Page(string code) => $"# Политика\nПишите на privacy{code}@bank.kz или звоните.\n";
        model.Learn(Page("a81f0c2e"), Page("a9d3b7c1"), DateTimeOffset.UnixEpoch, confirmed: true);
        model.Learn(Page("a9d3b7c1"), Page("a0e5f2d8"), DateTimeOffset.UnixEpoch, confirmed: true);
        Assert.True(model.Covers(Page("a81f0c2e"), Page("7c2b9e4f")));
        Assert.False(model.Covers(Page("a81f0c2e"), Page("7c2b9e4f").Replace("privacy", "dpo")));
    }
}
