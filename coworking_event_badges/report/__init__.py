from . import coworking_event_attendance_report
