"""The status page: a requestor follows a case and answers an information request with the case
number and the enrollee's date of birth, and no account."""
