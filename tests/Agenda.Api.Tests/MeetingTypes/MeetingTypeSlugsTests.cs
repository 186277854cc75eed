using Agenda.Api.MeetingTypes;

namespace Agenda.Api.Tests.MeetingTypes;

/// <summary>A slug made from a title is one the API accepts, reads like the title, and is not one the owner has already.</summary>
public sealed class MeetingTypeSlugsTests
{
    [Theory]
    [InlineData("Intro call", "intro-call")]
    [InlineData("  Café Über-Talk!  ", "cafe-uber-talk")]
    [InlineData("Straße & Smørrebrød", "strasse-smorrebrod")]
    [InlineData("30 min: Q&A", "30-min-q-a")]
    [InlineData("日本語", "")]
    public void A_title_becomes_lowercase_ascii_words_joined_by_hyphens(string title, string slug) =>
        Assert.Equal(slug, MeetingTypeSlugs.FromTitle(title));

    [Fact]
    public void A_long_title_is_cut_to_the_longest_slug_without_a_trailing_hyphen()
    {
        var slug = MeetingTypeSlugs.FromTitle(string.Join(' ', Enumerable.Repeat("word", 30)));

        Assert.True(slug.Length <= MeetingTypeSlugs.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void A_taken_slug_gets_the_first_free_number()
    {
        Assert.Equal("intro", MeetingTypeSlugs.Unique("intro", ["other"]));
        Assert.Equal("intro-3", MeetingTypeSlugs.Unique("intro", ["intro", "intro-2"]));
        Assert.Equal(MeetingTypeSlugs.MaxLength, MeetingTypeSlugs.Unique(new string('a', 64), [new string('a', 64)]).Length);
    }
}
