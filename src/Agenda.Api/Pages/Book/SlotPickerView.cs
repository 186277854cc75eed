using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// What the month-and-slots partial shows and where its links lead: <see cref="DateLink"/> for a month or date,
/// <see cref="SlotLink"/> for a slot (or, when null, each slot is a submit button named <c>start</c> of the enclosing form).
/// </summary>
public sealed record SlotPickerView(SlotMonth Month, Func<YearMonth, LocalDate?, string> DateLink, Func<Slot, string>? SlotLink);

/// <summary>The zone chooser: a GET form to <see cref="Action"/> that keeps <see cref="Keep"/> and changes <c>tz</c>.</summary>
public sealed record ZoneChooserView(string Action, DateTimeZone Zone, bool Chosen, IReadOnlyList<KeyValuePair<string, string>> Keep);
