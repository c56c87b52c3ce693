naskahSearch.meta("fr",{"chunk":200,"docs":4,"shards":1});
