// 2:9: error: expected expression before ';' token
int;
int x = ;
