// placeholder: the recurrence engine is being written
