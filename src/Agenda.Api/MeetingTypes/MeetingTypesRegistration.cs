namespace Agenda.Api.MeetingTypes;

internal static class MeetingTypesRegistration
{
    /// <summary>The meeting type use cases every door calls (<see cref="OwnerMeetingTypes"/>, <see cref="SingleUseLinks"/>).</summary>
    public static IServiceCollection AddMeetingTypes(this IServiceCollection services) => services.AddSingleton<OwnerMeetingTypes>().AddSingleton<SingleUseLinks>();
}
