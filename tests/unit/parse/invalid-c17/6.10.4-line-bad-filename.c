// 1:10: error: "foo" is not a valid filename
#line 10 foo
