/// An incident event as read back from the store, with what the database recorded about it.
public typealias RecordedIncidentEvent = Recorded<IncidentEvent>
