"""The interview as the visitor meets it: room, interviewer, captions, eye contact, report."""
