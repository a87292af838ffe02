break two-util.c:8
run
bt
print *c
print c->label
print n
print calls
finish
print k
print c
delete
break counter_total
continue
next
print total
ptype c
finish
next
print t
